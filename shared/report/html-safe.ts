import { own } from '../model/own';
/**
 * HTML that cannot be injected into: the `html` tagged template escapes every interpolated value
 * unless it is already `SafeHtml` (built by `html` itself or `raw` for constant markup). Model names
 * are user-authored (a Thing may be called `<img src=x onerror=alert(1)>`), so report code only ever
 * builds markup through this module.
 *
 * @example
 * const name = '<img src=x onerror=alert(1)>';
 * html`<td>${name}</td>`.value; // '<td>&lt;img src=x onerror=alert(1)&gt;</td>'
 */

export type SafeHtml = { readonly __safeHtml: true; readonly value: string };

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for element content and quoted attribute values.
 *
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, c => own(ESCAPES, c) as string);
}

const safe = (value: string): SafeHtml => ({ __safeHtml: true, value });

export const isSafeHtml = (v: unknown): v is SafeHtml =>
  typeof v === 'object' && v !== null && (v as { __safeHtml?: unknown }).__safeHtml === true;

/** Constant markup written by us (never model text). */
export const raw = (markup: string): SafeHtml => safe(markup);

type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(v: Interpolation): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return (v as readonly Interpolation[]).map(render).join('');
  if (isSafeHtml(v)) return v.value;
  return escapeHtml(String(v));
}

/**
 * Tagged template: literal parts are trusted, every `${value}` is escaped (arrays are joined,
 * null/undefined/false render nothing).
 *
 * @example
 * html`<ul>${['a<b', 'c'].map(x => html`<li>${x}</li>`)}</ul>`.value; // '<ul><li>a&lt;b</li><li>c</li></ul>'
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return safe(out);
}

/** A fragment id safe for `id=` and `href="#..."`: derived from text, never containing markup. */
export function anchorId(prefix: string, text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const slug = text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${prefix}-${slug || 'x'}-${(h >>> 0).toString(36)}`;
}
