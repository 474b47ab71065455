/** Which changed cells the table lists: by class, by caller or call text, by blast-radius rectangle. */
import { useEffect, useState } from 'react';
import type { ChangeClass, SummaryFilter } from '../../../shared/whatif';

export const CLASSES: ChangeClass[] = ['gained', 'revoked', 'changed', 'unknown'];

export function withRectangle(f: SummaryFilter, i: number | null): SummaryFilter {
  const { rectangle: _r, ...rest } = f;
  return i === null ? rest : { ...rest, rectangle: i };
}

/** Which changed cells the table lists: by class (all by default), by text; the blast radius picks a rectangle. */
export function DiffFilter({
  filter,
  matching,
  total,
  onChange,
}: {
  filter: SummaryFilter;
  matching: number;
  total: number;
  onChange(f: SummaryFilter): void;
}) {
  const [text, setText] = useState(filter.text ?? '');
  // Typing is debounced: each keystroke would otherwise ask main for a new page.
  useEffect(() => {
    if (text === (filter.text ?? '')) return;
    const t = setTimeout(() => {
      const { text: _t, ...rest } = filter;
      onChange(text.trim() === '' ? rest : { ...rest, text });
    }, 250);
    return () => clearTimeout(t);
  }, [text, filter, onChange]);
  const on = new Set(filter.change && filter.change.length > 0 ? filter.change : CLASSES);
  const toggle = (c: ChangeClass) => {
    const next = new Set(on);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    const { change: _c, ...rest } = filter;
    onChange(
      next.size === CLASSES.length || next.size === 0
        ? rest
        : { ...rest, change: CLASSES.filter(x => next.has(x)) },
    );
  };
  return (
    <div className="diff-filter" role="group" aria-label="Filter changed cells">
      {CLASSES.map(c => (
        <button
          key={c}
          type="button"
          className={`change-class ${c}`}
          aria-pressed={on.has(c)}
          onClick={() => toggle(c)}
        >
          {c}
        </button>
      ))}
      <input
        type="search"
        aria-label="Filter by caller or call"
        placeholder="caller or call contains…"
        value={text}
        onChange={e => setText(e.target.value)}
      />
      {filter.rectangle !== undefined && (
        <button
          type="button"
          className="small-btn"
          onClick={() => onChange(withRectangle(filter, null))}
        >
          Rectangle {filter.rectangle + 1} ×
        </button>
      )}
      <span className="muted small" aria-live="polite">
        {matching === total
          ? `${total.toLocaleString()} changed cell${total === 1 ? '' : 's'}`
          : `${matching.toLocaleString()} of ${total.toLocaleString()} changed cells`}
      </span>
    </div>
  );
}
