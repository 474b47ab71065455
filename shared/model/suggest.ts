/**
 * "Did you mean" suggestions for misspelt names, kinds and keys (Levenshtein distance).
 *
 * @example
 * didYouMean('Operatros', ['Operators', 'Admins']); // 'Operators'
 * suggestionSuffix('Operatros', ['Operators']);     // "; did you mean 'Operators'?"
 */

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/**
 * The closest candidate, or undefined when none is close enough. A case-only difference always
 * matches, because ThingWorx names are case-sensitive and that is the commonest slip.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    if (c.toLowerCase() === lower) return c;
    const d = levenshtein(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.ceil(word.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

export function suggestionSuffix(
  word: string,
  candidates: Iterable<string>,
  format: (s: string) => string = s => `'${s}'`,
): string {
  const s = didYouMean(word, candidates);
  return s === undefined ? '' : `; did you mean ${format(s)}?`;
}
