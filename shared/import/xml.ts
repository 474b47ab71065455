/**
 * Safe XML reading for the importer, on top of fast-xml-parser (we do not parse XML ourselves).
 *
 * - A DOCTYPE or an entity declaration anywhere outside CDATA and comments is refused before the
 *   parser sees the text: no external entities (XXE), no entity expansion (billion laughs).
 * - Malformed or truncated XML is refused with the line and column the validator reports.
 * - Every element object carries its start offset (fast-xml-parser's `captureMetaData`); `LineIndex`
 *   turns offsets into line numbers with one pass over the text, built only when a message needs it.
 * - Tag and attribute names that are JavaScript prototype keys are renamed so they can never reach a
 *   plain object's prototype; the importer only reads the tags it knows, so they are ignored.
 *
 * @example
 * const r = parseXml('<Entities><Things/></Entities>');
 * r.ok && r.rootTag === 'Entities';
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element: child elements by tag (always arrays), attributes under `ATTRS`, text under `#text`. */
export type XNode = Record<string, unknown>;

const ATTRS = '@@';
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const safeName = (n: string): string => (UNSAFE_NAMES.has(n) ? `#unsafe:${n}` : n);

// The library's types say `Symbol` (the wrapper object); at run time it is a symbol primitive.
const metaSymbol: unknown = XMLParser.getMetaDataSymbol();
const META: symbol | undefined = typeof metaSymbol === 'symbol' ? metaSymbol : undefined;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // '@' cannot start an XML name, so this key never clashes with a child element.
  attributesGroupName: ATTRS,
  isArray: (_tag: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  // Names are kept verbatim, trailing spaces included (a trimmed name would be another entity).
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  // The isArray callback ignores the path: a Matcher object avoids building a path string per tag.
  jPath: false,
  transformTagName: safeName,
  transformAttributeName: safeName,
});

/** Line numbers from offsets: one pass to find the line starts, then a binary search per lookup. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  private index(): number[] {
    if (this.starts) return this.starts;
    const s = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1))
      s.push(i + 1);
    this.starts = s;
    return s;
  }
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const s = this.index();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (s[lo] ?? 0) + 1 };
  }
  line(offset: number): number {
    return this.position(offset).line;
  }
  end(): { line: number; column: number } {
    return this.position(this.text.length);
  }
}

export type XmlRefusal = { line?: number; column?: number; message: string };
export type XmlParsed = { ok: true; root: XNode; rootTag: string } | ({ ok: false } & XmlRefusal);

/**
 * Finds a DOCTYPE or an entity declaration outside CDATA sections and comments (one pass).
 * The validator accepts `<!DOCTYPE>` even inside elements, so this check cannot be left to it.
 */
function findDeclaration(text: string): { offset: number; what: string } | undefined {
  let i = text.indexOf('<!');
  while (i !== -1) {
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) return undefined; // unterminated: the validator reports it
      i = text.indexOf('<!', end + 3);
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return undefined;
      i = text.indexOf('<!', end + 3);
      continue;
    }
    const word = text.slice(i + 2, i + 9).toUpperCase();
    if (word.startsWith('DOCTYPE')) return { offset: i, what: 'a DOCTYPE declaration' };
    if (word.startsWith('ENTITY')) return { offset: i, what: 'an entity declaration' };
    i = text.indexOf('<!', i + 2);
  }
  return undefined;
}

/** The validator's "Invalid '[ "a", "b" ]' found." means these tags were still open at the end. */
function unclosedTags(msg: string): string[] | undefined {
  const m = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(msg);
  if (!m?.[1]) return undefined;
  try {
    const v: unknown = JSON.parse(m[1]);
    return Array.isArray(v) ? v.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates and parses one XML text. Never throws.
 *
 * @example
 * parseXml('<a>').ok === false;
 */
export function parseXml(text: string, lines = new LineIndex(text)): XmlParsed {
  const decl = findDeclaration(text);
  if (decl) {
    const p = lines.position(decl.offset);
    return {
      ok: false,
      ...p,
      message: `it contains ${decl.what}; PermSim refuses XML with DOCTYPE or entity declarations (they can read other files or expand without limit). Export the entities again from ThingWorx: its exports have none`,
    };
  }
  let v: ReturnType<typeof XMLValidator.validate>;
  try {
    v = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (e) {
    return { ok: false, message: `it is not well-formed XML (${String(e)})` };
  }
  if (v !== true) {
    const open = unclosedTags(v.err.msg);
    if (open?.length) {
      const end = lines.end();
      return {
        ok: false,
        ...end,
        message: `the file ends while <${open[open.length - 1]}> is still open: it looks truncated. Export it again (or copy the whole file) and import that`,
      };
    }
    return {
      ok: false,
      line: v.err.line,
      column: v.err.col,
      message: `it is not well-formed XML: ${v.err.msg}`,
    };
  }
  let doc: XNode;
  try {
    doc = parser.parse(text) as XNode;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // The parser's own limit on nesting depth guards against stack exhaustion.
    if (/nested tags/i.test(msg))
      return {
        ok: false,
        message:
          'its elements nest deeper than the parser allows; ThingWorx exports nest only a few levels, so this is not an entity export',
      };
    return { ok: false, message: `it is not well-formed XML (${msg})` };
  }
  const roots = Object.keys(doc).filter(k => k !== '#text' && k !== ATTRS);
  const first = roots[0];
  const rootList = first === undefined ? [] : elements(doc, first);
  if (roots.length !== 1 || rootList.length !== 1 || first === undefined) {
    return { ok: false, message: 'expected exactly one root element' };
  }
  const root = rootList[0] ?? {};
  return { ok: true, root, rootTag: first };
}

/** Child elements with this tag (empty elements become `{}`); never the prototype's members. */
export function elements(node: XNode, tag: string): XNode[] {
  if (!Object.hasOwn(node, tag)) return [];
  const v = node[tag];
  if (!Array.isArray(v)) return [];
  return v.map(x => (x !== null && typeof x === 'object' ? (x as XNode) : {}));
}

/** Tags of the child elements, in no particular order (element order is never relied on). */
export function childTags(node: XNode): string[] {
  return Object.keys(node).filter(k => k !== ATTRS && k !== '#text' && !k.startsWith('#unsafe:'));
}

/** An attribute's value, verbatim, or undefined. */
export function attr(node: XNode, name: string): string | undefined {
  const a = Object.hasOwn(node, ATTRS) ? node[ATTRS] : undefined;
  if (a === null || typeof a !== 'object' || !Object.hasOwn(a, name)) return undefined;
  const v = (a as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

export function attrNames(node: XNode): string[] {
  const a = Object.hasOwn(node, ATTRS) ? node[ATTRS] : undefined;
  return a !== null && typeof a === 'object' ? Object.keys(a) : [];
}

/** Start offset of an element in the text, when the parser recorded it. */
export function offsetOf(node: XNode): number | undefined {
  if (META === undefined) return undefined;
  const m = (node as Record<symbol, unknown>)[META] as { startIndex?: number } | undefined;
  return typeof m?.startIndex === 'number' ? m.startIndex : undefined;
}
