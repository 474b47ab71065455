import { Fragment, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { inlineParts, topicForSection, type Block } from './parse-reference';
import { referenceDoc } from './reference-doc';
import './reference.css';

function Inline({ text }: { text: string }) {
  const open = useAppStore(s => s.openReference);
  return (
    <>
      {inlineParts(text).map((p, i) => {
        switch (p.type) {
          case 'code':
            return <code key={i}>{p.text}</code>;
          case 'strong':
            return <strong key={i}>{p.text}</strong>;
          case 'em':
            return <em key={i}>{p.text}</em>;
          case 'link':
            return p.href.startsWith('#') ? (
              <button key={i} type="button" className="link" onClick={() => open(p.href.slice(1))}>
                {p.text}
              </button>
            ) : (
              // The app is offline: other targets are shown, not followed.
              <span key={i}>{p.text}</span>
            );
          default:
            return <Fragment key={i}>{p.text}</Fragment>;
        }
      })}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'p':
      return (
        <p>
          <Inline text={block.text} />
        </p>
      );
    case 'ul':
    case 'ol': {
      const List = block.type;
      return (
        <List>
          {block.items.map((item, i) => (
            <li key={i}>
              <Inline text={item} />
            </li>
          ))}
        </List>
      );
    }
    case 'table':
      return (
        <div className="ref-table-wrap">
          <table>
            <thead>
              <tr>
                {block.head.map((h, i) => (
                  <th key={i}>
                    <Inline text={h} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>
                      <Inline text={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/**
 * The permission-model reference (docs/permission-model.md, bundled) in a side panel: the topic a
 * section chip points to, with the list of topics to move on. Escape closes it.
 */
export function ReferencePanel() {
  const { topicId, open, close } = useAppStore(
    useShallow(s => ({
      topicId: s.referenceTopic,
      open: s.openReference,
      close: s.closeReference,
    })),
  );
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (topicId === null) return;
    body.current?.scrollTo({ top: 0 });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [topicId, close]);
  if (topicId === null) return null;
  const doc = referenceDoc();
  const topic = doc.topics.find(t => t.id === topicId);
  return (
    <aside className="reference-panel" aria-label="Permission model reference">
      <header className="ref-head">
        <div>
          <div className="ref-kicker">Permission model</div>
          <h2 className="ref-title">{topic ? <Inline text={topic.title} /> : 'Contents'}</h2>
        </div>
        <button
          type="button"
          className="icon"
          aria-label="Close the reference"
          onClick={close}
          title="Close (Esc)"
        >
          ×
        </button>
      </header>
      <label className="field ref-topics">
        <span>Topic</span>
        <select value={topic?.id ?? ''} onChange={e => open(e.target.value)} aria-label="Topic">
          <option value="">Contents</option>
          {doc.topics.map(t => (
            <option key={t.id} value={t.id}>
              {t.title.replace(/`/g, '')}
            </option>
          ))}
        </select>
      </label>
      <div className="ref-body" ref={body} id={topic ? `ref-${topic.id}` : 'ref-contents'}>
        {topic ? (
          <>
            {topic.chips.length > 0 && (
              <p className="ref-chips muted">Covers {topic.chips.join(', ')}</p>
            )}
            {topic.blocks.map((b, i) => (
              <BlockView key={i} block={b} />
            ))}
          </>
        ) : (
          <>
            {doc.intro.map((b, i) => (
              <BlockView key={i} block={b} />
            ))}
            <ul>
              {doc.topics.map(t => (
                <li key={t.id}>
                  <button type="button" className="link" onClick={() => open(t.id)}>
                    <Inline text={t.title} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
}

/** A §x.y chip of an explanation: opens the reference topic that covers the section. */
export function CiteChip({ section }: { section: string }) {
  const open = useAppStore(s => s.openReference);
  const topic = topicForSection(referenceDoc(), section);
  return (
    <button
      type="button"
      className="chip cite"
      title={topic ? `Permission model: ${topic.title}` : 'Permission model: contents'}
      aria-label={`Reference ${section}${topic ? `: ${topic.title}` : ''}`}
      onClick={() => open(topic?.id ?? '')}
    >
      {section}
    </button>
  );
}
