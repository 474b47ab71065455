import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ElementKind, OutlineItem } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import type { AddWhat } from '../stores/ui-slice';
import { useReadOnly } from './EditGuard';

const SECTIONS: {
  kind: ElementKind;
  title: string;
  one: string;
  add?: AddWhat;
  addLabel?: string;
}[] = [
  { kind: 'user', one: 'User', title: 'Users', add: 'user', addLabel: 'Add user' },
  { kind: 'group', one: 'Group', title: 'Groups', add: 'group', addLabel: 'Add group' },
  {
    kind: 'organization',
    one: 'Organization',
    title: 'Organizations',
    add: 'organization',
    addLabel: 'Add organization',
  },
  { kind: 'thing', one: 'Thing', title: 'Things', add: 'thing', addLabel: 'Add Thing' },
  {
    kind: 'template',
    one: 'Template',
    title: 'Thing templates',
    add: 'template',
    addLabel: 'Add template',
  },
  { kind: 'shape', one: 'Shape', title: 'Thing shapes', add: 'shape', addLabel: 'Add shape' },
  { kind: 'collection', one: 'Collection', title: 'Collections' },
  { kind: 'appKey', one: 'Application key', title: 'Application keys' },
  { kind: 'context', one: 'Context', title: 'Contexts (Apps)' },
  { kind: 'other', one: 'Entity', title: 'Other entities' },
];

/** A section shows this many rows; the search narrows longer lists (large models have 10,000s). */
const SECTION_CAP = 150;

export function Navigator() {
  const readOnly = useReadOnly();
  const { outline, search, setSearch, selected, select, setDialog } = useAppStore(
    useShallow(s => ({
      outline: s.outline,
      search: s.search,
      setSearch: s.setSearch,
      selected: s.selected,
      select: s.select,
      setDialog: s.setDialog,
    })),
  );
  const [showBuiltins, setShowBuiltins] = useState(false);
  const [collapsed, setCollapsed] = useState<Partial<Record<ElementKind, boolean>>>({
    collection: true,
    other: true,
  });

  const byKind = useMemo(() => {
    const m = new Map<ElementKind, OutlineItem[]>();
    for (const item of outline) {
      if (item.builtin && !showBuiltins && search.trim() === '') continue;
      const list = m.get(item.kind) ?? [];
      list.push(item);
      m.set(item.kind, list);
    }
    return m;
  }, [outline, showBuiltins, search]);

  return (
    <nav className="navigator" id="project-navigator" aria-label="Project navigator">
      <div className="nav-search">
        <input
          type="search"
          aria-label="Search the model"
          placeholder="Search users, Things, groups…"
          value={search}
          onChange={e => void setSearch(e.target.value)}
        />
        <label className="check small">
          <input
            type="checkbox"
            checked={showBuiltins}
            onChange={e => setShowBuiltins(e.target.checked)}
          />{' '}
          Show built-ins
        </label>
      </div>
      <div className="nav-sections">
        {SECTIONS.map(sec => {
          const items = byKind.get(sec.kind) ?? [];
          if (items.length === 0 && !sec.add) return null;
          const isCollapsed = collapsed[sec.kind] === true && search.trim() === '';
          const headingId = `nav-${sec.kind}`;
          return (
            <section key={sec.kind} className="nav-section" aria-labelledby={headingId}>
              <div className="nav-heading">
                <button
                  type="button"
                  className="nav-toggle"
                  id={headingId}
                  aria-expanded={!isCollapsed}
                  onClick={() => setCollapsed(c => ({ ...c, [sec.kind]: !isCollapsed }))}
                >
                  <span className="chev" aria-hidden="true">
                    {isCollapsed ? '▸' : '▾'}
                  </span>
                  {sec.title}
                  <span className="count">{items.length}</span>
                </button>
                {sec.add && (
                  <button
                    type="button"
                    className="icon add"
                    aria-label={sec.addLabel}
                    title={sec.addLabel}
                    onClick={() => setDialog({ type: 'add', what: sec.add as AddWhat })}
                    disabled={readOnly}
                  >
                    +
                  </button>
                )}
              </div>
              {!isCollapsed && (
                <ul className="nav-list" aria-label={sec.title}>
                  {items.slice(0, SECTION_CAP).map(item => {
                    const isSel = selected?.kind === item.kind && selected.name === item.name;
                    return (
                      <li key={`${item.kind}:${item.name}`}>
                        <button
                          type="button"
                          className={isSel ? 'nav-item selected' : 'nav-item'}
                          aria-current={isSel ? 'true' : undefined}
                          onClick={() => void select({ kind: item.kind, name: item.name })}
                        >
                          {/* The button's name is its text: kind and name (a label that differs
                              from the visible text confuses speech control). */}
                          <span className="sr-only">{sec.one} </span>
                          <span className="nav-name">{item.name}</span>
                          {/* Context shown beside the name, visual only. */}
                          {item.detail && (
                            <span className="nav-detail" aria-hidden="true">
                              {item.detail}
                            </span>
                          )}
                          {item.builtin && (
                            <span className="tag" aria-hidden="true">
                              built-in
                            </span>
                          )}
                        </button>
                      </li>
                    );
                  })}
                  {items.length > SECTION_CAP && (
                    <li className="muted small">
                      … {items.length - SECTION_CAP} more; refine the search
                    </li>
                  )}
                  {items.length === 0 && <li className="muted small empty">none</li>}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </nav>
  );
}
