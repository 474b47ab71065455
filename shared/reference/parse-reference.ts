/**
 * Reads the permission-model reference (docs/permission-model.md) into topics, for the in-app panel
 * (renderer/src/reference) and the appendix of the reports (shared/report/html.ts).
 * The document keeps to a small Markdown subset (headings, paragraphs, lists, tables, `code`,
 * **bold**, [links](#anchor)), so it is rendered element by element (React elements, or escaped HTML
 * in reports), never passed through as HTML. Each topic starts
 * with `<a id="..."></a>` and a `## ` heading; its `Chips:` line lists the sections the explanation
 * chips cite (§9.6, ...) that the topic covers.
 *
 * @example
 * const doc = parseReference(text);
 * topicForSection(doc, '§2.8')?.id; // 'precedence'
 */

export type Block =
  | { type: 'p'; text: string }
  | { type: 'ul' | 'ol'; items: string[] }
  | { type: 'table'; head: string[]; rows: string[][] };

export type Topic = { id: string; title: string; chips: string[]; blocks: Block[] };
export type ReferenceDoc = { title: string; intro: Block[]; topics: Topic[] };

export type InlinePart =
  | { type: 'text' | 'code' | 'strong' | 'em'; text: string }
  | { type: 'link'; text: string; href: string };

const ANCHOR = /^<a id="([a-z0-9-]+)"><\/a>$/;
const BULLET = /^- (.*)$/;
const NUMBERED = /^\d+\. (.*)$/;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map(c => c.trim());
}

function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] as string).trimEnd();
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] as string).trim().startsWith('|')) {
        const row = cells(lines[i] as string);
        // The separator row under the head (| --- | :--: |) carries no text.
        if (!row.every(c => /^:?-+:?$/.test(c))) rows.push(row);
        i++;
      }
      blocks.push({ type: 'table', head: rows[0] ?? [], rows: rows.slice(1) });
      continue;
    }
    const list = BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : undefined;
    if (list) {
      const marker = list === 'ul' ? BULLET : NUMBERED;
      const items: string[] = [];
      while (i < lines.length) {
        const l = (lines[i] as string).trimEnd();
        const m = marker.exec(l);
        if (m) items.push(m[1] as string);
        else if (l.startsWith('  ') && items.length > 0 && l.trim() !== '')
          items[items.length - 1] += ` ${l.trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: list, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = (lines[i] as string).trim();
      if (l === '' || l.startsWith('|') || BULLET.test(l) || NUMBERED.test(l)) break;
      para.push(l);
      i++;
    }
    blocks.push({ type: 'p', text: para.join(' ') });
  }
  return blocks;
}

export function parseReference(markdown: string): ReferenceDoc {
  const lines = markdown.split(/\r?\n/);
  let title = '';
  const intro: string[] = [];
  const topics: { id: string; title: string; chips: string[]; lines: string[] }[] = [];
  let anchor: string | undefined;
  let current: (typeof topics)[number] | undefined;
  for (const raw of lines) {
    const line = raw.trimEnd();
    const a = ANCHOR.exec(line.trim());
    if (a) {
      anchor = a[1];
      continue;
    }
    if (line.startsWith('# ')) {
      title = line.slice(2).trim();
      continue;
    }
    if (line.startsWith('## ')) {
      // A heading without an anchor (the contents list) is not a topic.
      current = anchor
        ? { id: anchor, title: line.slice(3).trim(), chips: [], lines: [] }
        : undefined;
      if (current) topics.push(current);
      anchor = undefined;
      continue;
    }
    if (current && current.chips.length === 0 && line.startsWith('Chips:')) {
      current.chips = line
        .slice('Chips:'.length)
        .split(',')
        .map(c => c.trim())
        .filter(c => c.startsWith('§'));
      continue;
    }
    if (current) current.lines.push(line);
    else if (topics.length === 0 && title) intro.push(line);
  }
  return {
    title,
    intro: blocksOf(intro),
    topics: topics.map(t => ({
      id: t.id,
      title: t.title,
      chips: t.chips,
      blocks: blocksOf(t.lines),
    })),
  };
}

/**
 * The topic covering a cited section: the one listing it, else the one listing its parent
 * (§9.6 -> §9), else none.
 */
export function topicForSection(doc: ReferenceDoc, section: string): Topic | undefined {
  const cite = section.trim().replace(/^§?/, '§');
  const exact = doc.topics.find(t => t.chips.includes(cite));
  if (exact) return exact;
  const parent = cite.replace(/\.\d+$/, '');
  return parent === cite ? undefined : doc.topics.find(t => t.chips.includes(parent));
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*]+\*)|(\[[^\]]+\]\([^)]+\))/g;

/** Splits a line of text into plain text, `code`, **bold**, *emphasis* and [links](#anchor). */
export function inlineParts(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index;
    if (start > at) parts.push({ type: 'text', text: text.slice(at, start) });
    const tok = m[0];
    if (tok.startsWith('`')) parts.push({ type: 'code', text: tok.slice(1, -1) });
    else if (tok.startsWith('**')) parts.push({ type: 'strong', text: tok.slice(2, -2) });
    else if (tok.startsWith('*')) parts.push({ type: 'em', text: tok.slice(1, -1) });
    else {
      const l = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(tok) as RegExpExecArray;
      parts.push({ type: 'link', text: l[1] as string, href: l[2] as string });
    }
    at = start + tok.length;
  }
  if (at < text.length) parts.push({ type: 'text', text: text.slice(at) });
  return parts;
}
