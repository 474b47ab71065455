// The permission-model reference (docs/permission-model.md) as the app shows it: every section chip
// an explanation can carry opens a topic, and the document's own links lead somewhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inlineParts,
  parseReference,
  topicForSection,
} from '../../../renderer/src/reference/parse-reference';

const doc = parseReference(readFileSync('docs/permission-model.md', 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('permission-model reference', () => {
  it('has one topic per anchor, each with a title, a Chips line and text', () => {
    const ids = doc.topics.map(t => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['precedence', 'visibility', 'apps-grants']));
    for (const t of doc.topics) {
      expect(t.title, t.id).not.toBe('');
      expect(t.chips.length, t.id).toBeGreaterThan(0);
      expect(t.blocks.length, t.id).toBeGreaterThan(0);
    }
  });

  it('opens a topic for every section an explanation cites (shared/**)', () => {
    const cited = new Set<string>();
    for (const f of sourceFiles('shared'))
      for (const m of readFileSync(f, 'utf8').matchAll(/'(§\d+(?:\.\d+)?)'/g))
        cited.add(m[1] as string);
    expect(cited.size).toBeGreaterThan(20);
    const missing = [...cited].filter(c => !topicForSection(doc, c));
    expect(missing).toEqual([]);
  });

  it('resolves a section to the topic that lists it, else to its parent section', () => {
    expect(topicForSection(doc, '§2.8')?.id).toBe('precedence');
    expect(topicForSection(doc, '§9.5')?.id).toBe('visibility');
    expect(topicForSection(doc, '§7.14')?.id).toBe('apps-grants');
    expect(topicForSection(doc, '§9.99')?.id).toBe(topicForSection(doc, '§9')?.id);
    expect(topicForSection(doc, '§99')).toBeUndefined();
  });

  it("links only to the document's own topics", () => {
    const ids = new Set(doc.topics.map(t => t.id));
    const texts = doc.topics.flatMap(t =>
      t.blocks.flatMap(b =>
        b.type === 'p' ? [b.text] : b.type === 'table' ? [...b.head, ...b.rows.flat()] : b.items,
      ),
    );
    for (const text of texts)
      for (const p of inlineParts(text))
        if (p.type === 'link') expect(ids.has(p.href.replace(/^#/, '')), p.href).toBe(true);
  });

  it('reads the Markdown subset: tables without the separator row, inline code, bold, links', () => {
    const d = parseReference(
      '# T\n\n<a id="a"></a>\n\n## A\n\nChips: §1, §1.2\n\n| x | y |\n| - | - |\n| `c` | **b** |\n\n- one\n  more\n- [two](#a)\n',
    );
    expect(d.topics).toEqual([
      {
        id: 'a',
        title: 'A',
        chips: ['§1', '§1.2'],
        blocks: [
          { type: 'table', head: ['x', 'y'], rows: [['`c`', '**b**']] },
          { type: 'ul', items: ['one more', '[two](#a)'] },
        ],
      },
    ]);
    expect(inlineParts('a `c` **b** [l](#a)')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'code', text: 'c' },
      { type: 'text', text: ' ' },
      { type: 'strong', text: 'b' },
      { type: 'text', text: ' ' },
      { type: 'link', text: 'l', href: '#a' },
    ]);
  });
});
