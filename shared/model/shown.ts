/**
 * A value as a message shows it: JSON for what JSON can show, words for the rest, so that a message
 * never says `got undefined` or `[object Object]`.
 *
 * @example
 * shown(undefined); // 'nothing (the key is missing)'
 * shown({ a: 1 });  // '{"a":1}'
 */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (typeof v === 'function' || typeof v === 'symbol') return 'a value that is not data';
  if (typeof v === 'bigint') return `${v}`;
  if (v instanceof Set) return 'a set';
  if (v instanceof Map) return 'a mapping with keys that are not text';
  try {
    const text = JSON.stringify(v);
    if (text === undefined) return 'a value that is not data';
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return 'a value that cannot be shown (it contains itself)';
  }
}
