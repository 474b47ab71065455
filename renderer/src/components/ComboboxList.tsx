/**
 * The listbox of the type-to-search combobox (Combobox.tsx), virtualised: only the rows in view
 * are in the page, so a list of 10,000 users opens and scrolls at once. The active row is
 * scrolled into view, since `aria-activedescendant` must name an element that exists.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ComboOption, optionLabel, splitMatch } from './combobox-filter';

const ROW = 26;
const MAX_HEIGHT = 280;

export type ComboboxListProps = {
  id: string;
  label: string;
  options: readonly ComboOption[];
  active: number;
  selected: string;
  query: string;
  mono?: boolean;
  onPick: (o: ComboOption) => void;
  onHover: (i: number) => void;
};

export const optionId = (listId: string, i: number) => `${listId}-${i}`;

export function ComboboxList(p: ComboboxListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: p.options.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  useEffect(() => {
    if (p.active >= 0) rows.scrollToIndex(p.active, { align: 'auto' });
  }, [p.active, rows]);
  return (
    <div
      ref={scroller}
      id={p.id}
      role="listbox"
      aria-label={p.label}
      className="combo-list"
      style={{ height: Math.min(MAX_HEIGHT, p.options.length * ROW + 4) }}
      // Keeps the focus in the input while the list is clicked or its scroll bar dragged.
      onMouseDown={e => e.preventDefault()}
    >
      <div role="presentation" style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map(v => {
          const o = p.options[v.index];
          if (!o) return null;
          const [before, match, after] = splitMatch(optionLabel(o), p.query);
          const cls = [
            v.index === p.active ? 'active' : '',
            o.value === p.selected ? 'selected' : '',
            p.mono ? 'mono' : '',
          ].join(' ');
          return (
            <div
              key={v.key}
              id={optionId(p.id, v.index)}
              role="option"
              aria-selected={v.index === p.active}
              aria-setsize={p.options.length}
              aria-posinset={v.index + 1}
              className={`combo-option ${cls}`}
              style={{ height: ROW, transform: `translateY(${v.start}px)` }}
              title={optionLabel(o)}
              onClick={() => p.onPick(o)}
              onMouseMove={() => p.onHover(v.index)}
            >
              {before}
              {match && <mark>{match}</mark>}
              {after}
              {o.detail && <span className="combo-detail"> {o.detail}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
