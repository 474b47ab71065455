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
 * Levenshtein distance when it is at most `max`, else `max + 1`: stops as soon as a row exceeds the
 * bound, so comparing one word with thousands of names stays cheap.
 */
function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length] ?? 0, max + 1);
}

/**
 * The closest candidate, or undefined when none is close enough. A case-only difference always
 * matches, because ThingWorx names are case-sensitive and that is the commonest slip.
 *
 * Candidates whose length alone puts them out of reach are skipped before any distance is computed:
 * a file with thousands of undeclared names, each compared with thousands of declared ones, must
 * still validate in a few seconds.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.ceil(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word || Math.abs(c.length - word.length) > limit) continue;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    const d = boundedLevenshtein(lower, cl, bestDistance - 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
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
