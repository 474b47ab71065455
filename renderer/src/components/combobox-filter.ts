/**
 * The pure part of the type-to-search combobox (Combobox.tsx): what an option is, which options
 * match what was typed, and where the match is (for highlighting). Kept apart from React so the
 * filter is unit-tested on its own.
 */

/** One choice. `value` is the exact name handed back (names are data: `constructor` is one). */
export type ComboOption = {
  value: string;
  /** What the list shows and what typing searches; the value when absent. */
  label?: string;
  /** Muted text after the label (the built-in mark, the user an app key runs as...). */
  detail?: string;
};

/** Options from plain names, each its own label. */
export const nameOptions = (names: readonly string[]): ComboOption[] =>
  names.map(value => ({ value }));

export const optionLabel = (o: ComboOption): string => o.label ?? o.value;

/**
 * The options whose label contains the query (case-insensitive), those that start with it first,
 * each group in its given order. An empty query keeps every option.
 *
 * @example
 * filterOptions(nameOptions(['alice', 'malice', 'bob']), 'ali').map(o => o.value); // ['alice', 'malice']
 */
export function filterOptions(options: readonly ComboOption[], query: string): ComboOption[] {
  const q = query.toLowerCase();
  if (q === '') return [...options];
  const starts: ComboOption[] = [];
  const contains: ComboOption[] = [];
  for (const o of options) {
    const at = optionLabel(o).toLowerCase().indexOf(q);
    if (at === 0) starts.push(o);
    else if (at > 0) contains.push(o);
  }
  return starts.concat(contains);
}

/**
 * The label cut around the first match of the query: `[before, match, after]`; the match is empty
 * when the query does not occur.
 */
export function splitMatch(label: string, query: string): [string, string, string] {
  const at = query === '' ? -1 : label.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return [label, '', ''];
  return [label.slice(0, at), label.slice(at, at + query.length), label.slice(at + query.length)];
}

/**
 * The option that typed text stands for without picking from the list: one whose value or label
 * is exactly the text (so typing a full name and pressing Enter or leaving the field takes it).
 */
export function exactOption(
  options: readonly ComboOption[],
  text: string,
): ComboOption | undefined {
  return options.find(o => o.value === text) ?? options.find(o => optionLabel(o) === text);
}
