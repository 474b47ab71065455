/**
 * The section chips of a report's explanations (§9.6, §2.8 ...) and the appendix they link to. A report
 * is read offline and shared as one file, so a chip cannot point at the app or the web: it links to an
 * anchor inside the report, where the topic of PermSim's permission-model reference
 * (docs/permission-model.md, parsed by shared/reference, the same text the app's side panel shows) is
 * copied. Only the topics some chip cites are copied; a link inside a topic to a topic not copied
 * stays plain text, so no link of the report leads nowhere.
 *
 * @example
 * const cites = citeLinks(parseReference(text));
 * cites.chip('§9.6'); // <a class="cite" href="#ref-run-time">§9.6</a>
 * cites.appendix();   // the run-time topic, or null when no chip was rendered
 */
import type { Block, ReferenceDoc, Topic } from '../reference/parse-reference';
import { inlineParts, topicForSection } from '../reference/parse-reference';
import type { SafeHtml } from './html-safe';
import { html } from './html-safe';

export type CiteLinks = {
  /** One chip: a link to its topic in the appendix, or plain text when no topic covers it. */
  chip(section: string): SafeHtml;
  /** The topics the chips rendered so far cite, in the document's order; null when none. */
  appendix(): { title: string; body: SafeHtml } | null;
};

/** The anchor of a topic in a report (the parser's ids are [a-z0-9-]+). */
export const topicAnchor = (id: string): string => `ref-${id}`;

export const REFERENCE_TITLE = 'Reference: the topics cited';

export function citeLinks(doc: ReferenceDoc | undefined): CiteLinks {
  const used = new Set<string>();
  const inline = (text: string): SafeHtml =>
    html`${inlineParts(text).map(p => {
      switch (p.type) {
        case 'code':
          return html`<code>${p.text}</code>`;
        case 'strong':
          return html`<strong>${p.text}</strong>`;
        case 'em':
          return html`<em>${p.text}</em>`;
        case 'link': {
          const id = p.href.startsWith('#') ? p.href.slice(1) : '';
          return used.has(id) ? html`<a href="#${topicAnchor(id)}">${p.text}</a>` : html`${p.text}`;
        }
        case 'text':
          return html`${p.text}`;
      }
    })}`;
  const block = (b: Block): SafeHtml => {
    switch (b.type) {
      case 'p':
        return html`<p>${inline(b.text)}</p>`;
      case 'ul':
        return html`<ul>${b.items.map(i => html`<li>${inline(i)}</li>`)}</ul>`;
      case 'ol':
        return html`<ol>${b.items.map(i => html`<li>${inline(i)}</li>`)}</ol>`;
      case 'table':
        return html`<table><thead><tr>${b.head.map(h => html`<th>${inline(h)}</th>`)}</tr></thead><tbody>${b.rows.map(r => html`<tr>${r.map(c => html`<td>${inline(c)}</td>`)}</tr>`)}</tbody></table>`;
    }
  };
  const topic = (t: Topic): SafeHtml =>
    html`<div class="topic" id="${topicAnchor(t.id)}"><h3>${t.title} <span class="cites">${t.chips.join(' ')}</span></h3>${t.blocks.map(block)}</div>`;
  return {
    chip(section) {
      const t = doc && topicForSection(doc, section);
      if (!t) return html`<span class="cite">${section}</span>`;
      used.add(t.id);
      return html`<a class="cite" href="#${topicAnchor(t.id)}" title="${t.title}">${section}</a>`;
    },
    appendix() {
      if (!doc || used.size === 0) return null;
      return {
        title: REFERENCE_TITLE,
        body: html`<p class="muted">The topics of PermSim's permission-model reference (<code>docs/permission-model.md</code>, the text the app shows when you click a section chip) that the section chips above cite.</p>${doc.topics.filter(t => used.has(t.id)).map(topic)}`,
      };
    },
  };
}
