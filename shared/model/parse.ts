/**
 * Text -> plain value, with the YAML document with source positions built only when something must
 * be located. The value comes from a fast parser (JSON.parse, or js-yaml for YAML); the
 * position-aware document (`yaml`'s parseDocument + LineCounter, ~10x slower and ~6x the memory) is
 * built when the fast parser refuses the text (so syntax errors are reported by one parser, as
 * before) or when a later stage has an issue to point at file:line:column.
 *
 * @example
 * const r = parseModelText('permsim: 1\n', 'demo.yaml');
 * if (r.ok) r.value; // { permsim: 1 }
 */
import { CORE_SCHEMA, load as loadYamlFast } from 'js-yaml';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { own as ownEntry } from './own';

/** One problem in a model file, located at its node. `line`/`column` are 1-based. */
export type ModelIssue = {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
};

export type DocPositions = { doc: Document; lineCounter: LineCounter };

export type ParsedText = {
  value: unknown;
  /** `json` when the file name ends in .json or the text starts with `{`. */
  syntax: 'yaml' | 'json';
  /**
   * The YAML document with source positions. Built lazily: big files go through JSON.parse or
   * js-yaml (fast, performance.md O1), and positions are only needed when there is something to report.
   */
  positions: () => DocPositions;
};

export type ParseResult = ({ ok: true } & ParsedText) | { ok: false; errors: ModelIssue[] };

export const isJsonText = (text: string, fileName: string): boolean =>
  /\.json$/i.test(fileName) || text.trimStart().startsWith('{');

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
  MULTIPLE_DOCS: 'a model file holds exactly one YAML document',
  TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
};

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: end - last };
}

const duplicateMessage = (key: string) =>
  `duplicate key '${key}' (each key may appear once in a mapping)`;

/**
 * Offset and name of the first repeated key in any object of a valid JSON text, in one linear scan
 * (JSON.parse silently keeps the last one). Run only when `scanJson` and `countKeys` say there is one.
 */
export function findDuplicateJsonKey(text: string): { offset: number; key: string } | undefined {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22)
        j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(text.slice(start, j + 1)) as string;
        if (top.has(key)) return { offset: start, key };
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}

function parseYaml(text: string): DocPositions {
  const lineCounter = new LineCounter();
  // uniqueKeys is checked below in linear time: the parser's own check is quadratic in the map size.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
    keepSourceTokens: false,
  });
  return { doc, lineCounter };
}

/**
 * Text the fast parser must not take, for the position-aware parser to read or refuse as before:
 * - anchors (`&a`): aliases share nodes, which that parser expands under an alias-count limit (an
 *   "alias bomb" would otherwise be walked exponentially by every later stage); a plain `&` inside a
 *   word (`R&D`) is not an anchor;
 * - keys that may be lists or mappings (`? [a, b]` or `[a, b]: x`), which js-yaml would silently
 *   turn into text and no model key can be.
 * A false alarm (`]:` inside a quoted string) only costs the slower parse.
 */
const NOT_FOR_FAST_PARSE = /(?:^|[\s[{,])&\S|(?:^|[\s[{,-])\?(?:\s|$)|[\]}]\s*:(?:\s|$)/m;

/**
 * The fast YAML parse: js-yaml with the YAML 1.2 core schema, as the position-aware parser reads
 * it. It refuses duplicate keys, tags outside the core schema and every syntax error; the
 * position-aware parser then reports the problem at its line and column. Never throws.
 */
function parseYamlFast(text: string): { ok: true; value: unknown } | { ok: false } {
  if (NOT_FOR_FAST_PARSE.test(text)) return { ok: false };
  try {
    return { ok: true, value: loadYamlFast(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    // Any refusal: the position-aware parser reports it at its line and column.
    return { ok: false };
  }
}

/**
 * Key problems of every mapping of the document (linear): the first repeat of each key, and keys
 * that are lists or mappings (`? [a, b]: x`), which no model key can be (the YAML library would
 * stringify them with a Node warning).
 */
function yamlKeyProblems(doc: Document): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  const walk = (node: unknown) => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const p of node.items) {
        const offset = (p.key as Node | null)?.range?.[0] ?? 0;
        if (isMap(p.key) || isSeq(p.key)) {
          out.push({
            offset,
            message: `a key must be plain text, not a ${isMap(p.key) ? 'mapping' : 'list'}`,
          });
          continue;
        }
        const k = keyText(p);
        if (seen.has(k)) out.push({ offset, message: duplicateMessage(k) });
        seen.add(k);
        walk(p.value);
      }
    } else if (isSeq(node)) for (const i of node.items) walk(i);
  };
  walk(doc.contents);
  return out;
}

/** Deepest nesting a model file may have (mappings and lists, block or flow); see `findTooDeep`. */
export const MAX_NESTING = 256;

/**
 * One linear scan of a JSON text: the offset where it nests deeper than `max` (as `findTooDeep`),
 * and the number of keys written in it (the `:` outside strings). Strings are skipped with indexOf,
 * which is what makes the scan cheap next to JSON.parse on a 20 MB file.
 */
export function scanJson(
  text: string,
  max = MAX_NESTING,
): { tooDeep: number | undefined; keys: number } {
  let depth = 0;
  let keys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = text.indexOf('"', i + 1);
      // A quote preceded by an odd number of backslashes is escaped: look further.
      while (j !== -1) {
        let b = 0;
        while (text.charCodeAt(j - 1 - b) === 0x5c) b++;
        if (b % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) break;
      i = j;
    } else if (c === 0x3a /* : */) keys++;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return { tooDeep: i, keys };
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return { tooDeep: undefined, keys };
}

/** Keys of every object of a parsed JSON value (depth is bounded by `scanJson` before the parse). */
function countKeys(value: object): number {
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value as unknown[]) if (v !== null && typeof v === 'object') n += countKeys(v);
    return n;
  }
  // JSON.parse makes plain objects: every enumerable key is an own one (`__proto__` included).
  const record = value as Record<string, unknown>;
  for (const k in record) {
    n++;
    const v = record[k];
    if (v !== null && typeof v === 'object') n += countKeys(v);
  }
  return n;
}

/**
 * Offset of the first place where the text nests deeper than `MAX_NESTING` levels, in one linear
 * scan before any parser runs: parsers, the compiler and the apps layer recurse, and a file nested
 * thousands of levels deep would otherwise end in the engine's own "Maximum call stack size
 * exceeded" (or take seconds to parse). Counts flow brackets outside quotes and comments, plus, for
 * YAML, block indentation levels and `- ` items that open on the same line.
 */
export function findTooDeep(text: string, yaml: boolean, max = MAX_NESTING): number | undefined {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let blockDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (yaml && lineStart && flow === 0) {
      lineStart = false;
      let j = i;
      while (j < text.length && text.charCodeAt(j) === 0x20) j++;
      const next = text.charCodeAt(j);
      if (j < text.length && next !== 0x0a && next !== 0x0d && next !== 0x23 /* # */) {
        const indent = j - i;
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        while (text.charCodeAt(j) === 0x2d && text.charCodeAt(j + 1) === 0x20) {
          dashes++;
          j += 2;
          while (text.charCodeAt(j) === 0x20) j++;
        }
        blockDepth = indents.length + dashes;
        if (blockDepth > max) return j;
      }
      i = j - 1;
      continue;
    }
    if (c === 0x0a) {
      lineStart = true;
    } else if (c === 0x22 /* " */ || (yaml && c === 0x27) /* ' */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== c) {
        if (c === 0x22 && text.charCodeAt(j) === 0x5c) j++;
        else if (yaml && c === 0x27 && text.charCodeAt(j) === 0x0a) break;
        j++;
      }
      i = j;
    } else if (yaml && c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
    } else if (c === 0x5b || c === 0x7b) {
      flow++;
      if (flow + blockDepth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (flow > 0) flow--;
    }
  }
  return undefined;
}

/**
 * Parses the text; syntax errors (including duplicate keys) become issues.
 *
 * @example
 * parseModelText('a: 1\na: 2\n', 'x.yaml'); // { ok: false, errors: [{ line: 2, column: 1, message: "YAML syntax: duplicate key 'a' ...", ... }] }
 */
export function parseModelText(text: string, fileName: string): ParseResult {
  const syntax = isJsonText(text, fileName) ? 'json' : 'yaml';
  const label = syntax === 'json' ? 'JSON syntax' : 'YAML syntax';
  const jsonScan = syntax === 'json' ? scanJson(text) : undefined;
  const deep = jsonScan ? jsonScan.tooDeep : findTooDeep(text, true);
  if (deep !== undefined) {
    const at = lineColumn(text, deep);
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          ...at,
          path: '',
          message: `nesting deeper than ${MAX_NESTING} levels at line ${at.line}, column ${at.column}; a model file nests a few levels (equipment children a few dozen at most)`,
        },
      ],
    };
  }
  if (syntax === 'json') {
    let value: unknown;
    let parsedOk = false;
    try {
      value = JSON.parse(text);
      parsedOk = true;
    } catch {
      // Not strict JSON: fall through to the YAML parser, which locates the problem (or accepts YAML flow).
    }
    if (parsedOk) {
      // JSON.parse keeps one of each repeated key: fewer keys parsed than written means a repeat.
      const dup =
        (value !== null && typeof value === 'object' ? countKeys(value) : 0) === jsonScan?.keys
          ? undefined
          : findDuplicateJsonKey(text);
      if (dup)
        return {
          ok: false,
          errors: [
            {
              file: fileName,
              ...lineColumn(text, dup.offset),
              path: '',
              message: `${label}: ${duplicateMessage(dup.key)}`,
            },
          ],
        };
      let positions: DocPositions | undefined;
      return { ok: true, value, syntax, positions: () => (positions ??= parseYaml(text)) };
    }
  }
  if (syntax === 'yaml') {
    const fast = parseYamlFast(text);
    if (fast.ok) {
      let positions: DocPositions | undefined;
      return {
        ok: true,
        value: fast.value,
        syntax,
        positions: () => (positions ??= parseYaml(text)),
      };
    }
  }
  const parsed = parseYaml(text);
  const { doc, lineCounter } = parsed;
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  const errors: ModelIssue[] = doc.errors.map(e => ({
    file: fileName,
    ...at(e.pos[0]),
    path: '',
    message: `${label}: ${ownEntry(YAML_MESSAGES, e.code) ?? e.message.split('\n')[0] ?? e.message}`,
  }));
  if (errors.length === 0) {
    for (const d of yamlKeyProblems(doc))
      errors.push({ file: fileName, ...at(d.offset), path: '', message: `${label}: ${d.message}` });
  }
  if (errors.length > 0)
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          path: '',
          // The YAML library's own words (alias limits): said as such, never a stack overflow.
          message: `${label}: ${e instanceof RangeError ? `nesting deeper than ${MAX_NESTING} levels` : (e as Error).message}`,
        },
      ],
    };
  }
  return { ok: true, value, syntax, positions: () => parsed };
}

/**
 * Key -> pair of one YAML mapping, built once per mapping and kept while the document lives: every
 * issue is located through it, so N issues in a mapping of N keys cost N, not N² (a linear scan per
 * issue took a minute for 40,000 issues).
 */
const pairIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();
function pairIndex(map: { items: unknown[] }): Map<string, Pair<unknown, unknown>> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items)
      if (isPair(p)) {
        const k = keyText(p);
        if (!index.has(k)) index.set(k, p);
      }
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * Position of the node at `path` (or of the deepest existing ancestor). With `atKey`, the position
 * of the map key of the last segment instead of its value.
 */
export function locate(
  parsed: DocPositions,
  path: readonly (string | number)[],
  atKey = false,
): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let best: Node | null = (parsed.doc.contents as Node | null) ?? null;
  let keyNode: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = pairIndex(node).get(String(seg));
      if (!pair) break;
      keyNode = (pair.key as Node | null) ?? null;
      node = pair.value;
      if (i === path.length - 1 && atKey && keyNode) {
        best = keyNode;
        break;
      }
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
