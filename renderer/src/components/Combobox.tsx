/**
 * The one type-to-search combobox (ARIA 1.2 combobox pattern: an input that owns a listbox).
 * Type to filter, matches highlighted, arrows move, Enter takes the active option (or the option
 * whose name is exactly what was typed), Escape closes and restores, the list is virtualised.
 *
 * Two modes:
 * - a pick from a list (the default, in place of a long `<select>`): `onChange` receives only an
 *   option's exact value; leaving the field with other text restores the current value.
 * - `freeText` (the REST call box, the graph's name fields): every keystroke is the value and the
 *   options are suggestions; Enter on a closed list calls `onEnter`.
 *
 * @example
 * <Combobox label="User" value={user} onChange={setUser} options={nameOptions(users)} />
 */
import { useId, useMemo, useState } from 'react';
import { type ComboOption, exactOption, filterOptions, optionLabel } from './combobox-filter';
import { ComboboxList, optionId } from './ComboboxList';
import './combobox.css';

export type ComboboxProps = {
  /** The accessible name of the input. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly ComboOption[];
  freeText?: boolean;
  /** False when the options are already the matches (suggestions computed elsewhere). */
  filter?: boolean;
  onEnter?: () => void;
  /** Called when the field gets the focus (to fetch suggestions). */
  onFocus?: () => void;
  placeholder?: string;
  className?: string;
  mono?: boolean;
  disabled?: boolean;
  /** The listbox's accessible name ("Matching names" when absent). */
  listLabel?: string;
};

export function Combobox(p: ComboboxProps) {
  const listId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const current = p.options.find(o => o.value === p.value);
  const shown = p.freeText
    ? p.value
    : (draft ?? (p.value === '' ? '' : optionLabel(current ?? { value: p.value })));
  const query = p.freeText ? p.value : (draft ?? '');
  const matches = useMemo(
    () => (p.filter === false ? [...p.options] : filterOptions(p.options, query)),
    [p.options, p.filter, query],
  );
  const hideEcho = p.freeText && matches.length === 1 && matches[0]?.value === p.value;
  const listed = open && matches.length > 0 && !hideEcho;
  const noMatch = open && matches.length === 0 && query !== '' && !p.freeText;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (o: ComboOption) => {
    setDraft(null);
    close();
    p.onChange(o.value);
  };
  const type = (text: string) => {
    if (p.freeText) p.onChange(text);
    else setDraft(text);
    setOpen(true);
    setActive(p.freeText ? -1 : 0);
  };
  const leave = () => {
    close();
    if (p.freeText || draft === null) return;
    const exact = exactOption(p.options, draft);
    setDraft(null);
    if (exact && exact.value !== p.value) p.onChange(exact.value);
  };
  const move = (by: number) => {
    if (!open) {
      setOpen(true);
      setActive(
        Math.max(
          0,
          matches.findIndex(o => o.value === p.value),
        ),
      );
      return;
    }
    const floor = p.freeText ? -1 : 0;
    setActive(a => Math.max(floor, Math.min(matches.length - 1, a + by)));
  };
  const enter = (e: React.KeyboardEvent) => {
    const chosen =
      (listed && active >= 0 ? matches[active] : undefined) ??
      (!p.freeText && draft !== null
        ? (exactOption(p.options, draft) ?? (matches.length === 1 ? matches[0] : undefined))
        : undefined);
    if (chosen) {
      e.preventDefault();
      pick(chosen);
    } else if (p.freeText) {
      close();
      // Without onEnter, Enter submits the form around the field, as in a plain input.
      if (p.onEnter) {
        e.preventDefault();
        p.onEnter();
      }
    } else if (open) e.preventDefault();
  };
  const keyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') enter(e);
    else if (e.key === 'Escape' && (open || draft !== null)) {
      // Only the list closes: a dialog around the field stays open.
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      close();
    } else if (e.key === 'Tab' && p.freeText && listed && active >= 0) {
      const o = matches[active];
      if (o) {
        e.preventDefault();
        pick(o);
      }
    }
  };

  return (
    <div className={`combo ${p.className ?? ''}`}>
      <input
        type="text"
        role="combobox"
        aria-label={p.label}
        aria-autocomplete="list"
        aria-expanded={listed}
        aria-controls={listId}
        aria-activedescendant={listed && active >= 0 ? optionId(listId, active) : undefined}
        spellCheck={false}
        autoComplete="off"
        className={p.mono ? 'mono' : undefined}
        placeholder={p.placeholder ?? (current ? optionLabel(current) : undefined)}
        disabled={p.disabled}
        value={shown}
        onFocus={() => p.onFocus?.()}
        onClick={() => setOpen(true)}
        onBlur={leave}
        onChange={e => type(e.target.value)}
        onKeyDown={keyDown}
      />
      {listed && (
        <ComboboxList
          id={listId}
          label={p.listLabel ?? 'Matching names'}
          options={matches}
          active={active}
          selected={p.value}
          query={query}
          mono={p.mono ?? false}
          onPick={pick}
          onHover={i => i !== active && setActive(i)}
        />
      )}
      {noMatch && (
        <div className="combo-empty" role="status">
          No match for “{query}”
        </div>
      )}
    </div>
  );
}
