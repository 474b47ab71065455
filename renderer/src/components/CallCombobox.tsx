import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';

/**
 * The REST call box with autocomplete of entities and characteristics (`engine:suggest-calls`).
 * ARIA combobox pattern: arrows move through the list, Enter takes a suggestion (or asks when the
 * list is closed), Escape closes it.
 */
export function CallCombobox({ onSubmit }: { onSubmit: () => void }) {
  const { callText, suggestions, setAskField, suggest } = useAppStore(
    useShallow(s => ({
      callText: s.callText,
      suggestions: s.suggestions,
      setAskField: s.setAskField,
      suggest: s.suggest,
    })),
  );
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const change = (text: string) => {
    setAskField('callText', text);
    setOpen(true);
    setActive(-1);
    if (timer.current) clearTimeout(timer.current);
    // Debounced: one suggestion query per pause in typing, not per keystroke.
    timer.current = setTimeout(() => void suggest(text), 120);
  };

  const take = (s: string) => {
    setAskField('callText', s);
    setOpen(false);
    setActive(-1);
    void suggest(s);
  };

  const visible =
    open && suggestions.length > 0 && !(suggestions.length === 1 && suggestions[0] === callText);

  return (
    <div className="combo">
      <input
        type="text"
        role="combobox"
        aria-label="REST call"
        aria-autocomplete="list"
        aria-expanded={visible}
        aria-controls={listId}
        aria-activedescendant={visible && active >= 0 ? `${listId}-${active}` : undefined}
        spellCheck={false}
        autoComplete="off"
        className="mono"
        placeholder="POST /Thingworx/Things/SensorDataStream/Services/GetDataStream"
        value={callText}
        onFocus={() => {
          setOpen(true);
          if (suggestions.length === 0) void suggest(callText);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onChange={e => change(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'ArrowDown' && suggestions.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive(a => Math.min(suggestions.length - 1, a + 1));
          } else if (e.key === 'ArrowUp' && suggestions.length > 0) {
            e.preventDefault();
            setActive(a => Math.max(-1, a - 1));
          } else if (e.key === 'Escape') {
            setOpen(false);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const pick = visible && active >= 0 ? suggestions[active] : undefined;
            if (pick !== undefined) take(pick);
            else {
              setOpen(false);
              onSubmit();
            }
          } else if (e.key === 'Tab' && visible && active >= 0) {
            const pick = suggestions[active];
            if (pick !== undefined) {
              e.preventDefault();
              take(pick);
            }
          }
        }}
      />
      {visible && (
        <ul className="combo-list" role="listbox" id={listId} aria-label="Suggested calls">
          {suggestions.map((s, i) => (
            <li
              key={s}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active mono' : 'mono'}
              onMouseDown={e => {
                e.preventDefault();
                take(s);
              }}
            >
              {s}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
