/**
 * Text -> YAML document with source positions. YAML and JSON go through the same parser (`yaml`'s
 * parseDocument + LineCounter), so every later issue can point at file:line:column of its node.
 *
 * @example
 * const r = parseModelText('permsim: 1\n', 'demo.yaml');
 * if (r.ok) r.value; // { permsim: 1 }
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';

/** One problem in a model file, located at its node. `line`/`column` are 1-based. */
export type ModelIssue = { file: string; line: number; column: number; path: string; message: string };

export type ParsedText = {
  doc: Document;
  lineCounter: LineCounter;
  value: unknown;
  /** `json` when the file name ends in .json or the text starts with `{`. */
  syntax: 'yaml' | 'json';
};

export type ParseResult = ({ ok: true } & ParsedText) | { ok: false; errors: ModelIssue[] };

export const isJsonText = (text: string, fileName: string): boolean => /\.json$/i.test(fileName) || text.trimStart().startsWith('{');

/** `things.T1.permissions.runtime[0].principal` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Reverses formatPath loosely (also accepts `a/b`, `a.0`), for paths reported by other layers. */
export function splitPath(path: string): (string | number)[] {
  return path
    .split(/\.|\[|\]|\//)
    .filter(s => s !== '')
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key',
  MULTIPLE_DOCS: 'a model file holds exactly one YAML document',
  TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
};

/**
 * Parses the text; syntax errors (including duplicate keys) become issues.
 *
 * @example
 * parseModelText('a: 1\na: 2\n', 'x.yaml'); // { ok: false, errors: [{ line: 2, column: 1, message: "duplicate key 'a'", ... }] }
 */
export function parseModelText(text: string, fileName: string): ParseResult {
  const lineCounter = new LineCounter();
  const syntax = isJsonText(text, fileName) ? 'json' : 'yaml';
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const errors = doc.errors.map(e => {
      const pos = at(e.pos[0]);
      let message = YAML_MESSAGES[e.code] ?? e.message.split('\n')[0] ?? e.message;
      if (e.code === 'DUPLICATE_KEY') {
        const m = /^\s*("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(text.slice(e.pos[0]));
        const key = (m?.[1] ?? text.slice(e.pos[0], e.pos[1])).trim().replace(/^["']|["']$/g, '');
        message = `duplicate key '${key}' (each key may appear once in a mapping)`;
      }
      return { file: fileName, ...pos, path: '', message: `${syntax === 'json' ? 'JSON' : 'YAML'} syntax: ${message}` };
    });
    return { ok: false, errors };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, errors: [{ file: fileName, line: 1, column: 1, path: '', message: `YAML: ${(e as Error).message}` }] };
  }
  return { ok: true, doc, lineCounter, value, syntax };
}

/**
 * Position of the node at `path` (or of the deepest existing ancestor). With `atKey`, the position
 * of the map key of the last segment instead of its value.
 */
export function locate(parsed: Pick<ParsedText, 'doc' | 'lineCounter'>, path: readonly (string | number)[], atKey = false): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let best: Node | null = (parsed.doc.contents as Node | null) ?? null;
  let keyNode: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find(p => isPair(p) && keyText(p) === String(seg)) as Pair<unknown, unknown> | undefined;
      if (!pair) break;
      keyNode = (pair.key as Node | null) ?? null;
      node = pair.value;
      if (i === path.length - 1 && atKey && keyNode) { best = keyNode; break; }
      best = (node as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      best = (item as Node | null) ?? best;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line, column: col };
}

function keyText(pair: Pair<unknown, unknown>): string {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return String(k);
}
