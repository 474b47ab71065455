/**
 * The report as one self-contained HTML file (docs/reports.md, style.md §3.5): inline CSS, no scripts, a
 * restrictive CSP meta tag, a table of contents, readable on screen and in print (the PDF is printed
 * from this same HTML: rows never split across pages, table headers repeat). Every model string goes
 * through the escaping `html` template (html-safe.ts).
 *
 * @example
 * const page = reportToHtml(data);
 * page.includes('<script'); // false
 */
import type { EffectiveRow } from '../engine/queries';
import type { SafeHtml } from './html-safe';
import { anchorId, html, raw } from './html-safe';
import type { ReferenceDoc } from '../reference/parse-reference';
import type { CiteLinks } from './reference-html';
import { citeLinks } from './reference-html';
import { SECTION_TITLES } from './types';
import type {
  EffectiveTable,
  EntryText,
  AnswerText,
  CallerChange,
  EquipmentReport,
  FindingReport,
  ModelSummary,
  QuestionReport,
  ReportData,
  ReportSection,
  RequestReport,
  ScenarioReport,
  SemanticsReport,
  StepText,
} from './types';

/** The CSP of every report: nothing may load or run; inline styles and data: images only. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2126; margin: 0 auto; max-width: 1100px; padding: 24px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d0d7de; break-after: avoid; }
h3 { font-size: 14px; margin: 18px 0 6px; break-after: avoid; }
.meta { color: #57606a; margin: 0 0 12px; }
nav.toc { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; margin: 12px 0 8px; background: #f6f8fa; }
nav.toc ol { margin: 4px 0; padding-left: 20px; }
a { color: #0b57d0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.eff td.k, table.eff th.k { width: 54px; text-align: center; }
table.eff .kind { width: 120px; }
table.eff .char { width: 22%; overflow-wrap: anywhere; }
table.eff tr.first td { border-top: 2px solid #afb8c1; }
table.eff td { border-top-color: #eef1f4; }
th { background: #f0f3f6; font-weight: 600; }
thead { display: table-header-group; }
tr, .step, .card, figure { break-inside: avoid; page-break-inside: avoid; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.status { display: inline-block; min-width: 34px; text-align: center; border-radius: 4px; padding: 0 4px; font-weight: 600; color: #fff; }
.s200 { background: #1a7f37; } .s401 { background: #9a6700; } .s403 { background: #cf222e; } .s404 { background: #6e7781; } .s405 { background: #8250df; } .s0 { background: #57606a; }
.pass { color: #1a7f37; font-weight: 600; } .fail { color: #cf222e; font-weight: 600; }
.allow { color: #1a7f37; } .deny { color: #cf222e; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.card h3 { margin-top: 0; }
.steps { margin: 6px 0 0; padding-left: 20px; }
.step { margin: 2px 0; }
.step .v { font-size: 11px; text-transform: uppercase; color: #57606a; }
.details { color: #57606a; margin: 0; padding-left: 16px; }
.cites { color: #57606a; font-size: 11px; }
.cites a.cite { color: #0b57d0; }
.reference .topic { border-top: 1px solid #d0d7de; margin-top: 10px; }
.reference .topic h3 .cites { font-weight: normal; }
.note { border-left: 4px solid #d4a72c; background: #fff8c5; padding: 6px 10px; margin: 8px 0; }
.unavailable { border-left: 4px solid #6e7781; background: #f6f8fa; padding: 6px 10px; }
.muted { color: #57606a; }
section.finding { break-after: page; page-break-after: always; }
.answer { font-size: 14px; margin: 6px 0; }
.cause { border-left: 4px solid #0b57d0; background: #f1f6fe; padding: 6px 10px; margin: 6px 0; }
.gain { color: #1a7f37; } .lose { color: #cf222e; }
table.eff tr.differs td { background: #fff8c5; }
.mark { font-weight: 700; color: #9a6700; }
figure { margin: 8px 0; overflow-x: auto; }
svg.graph { max-width: 100%; height: auto; }
@page { size: A4; margin: 16mm 12mm 16mm 12mm; }
@media print {
  table.eff tr.differs td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 11px; }
  nav.toc { background: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: auto; }
  .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const statusBadge = (s: number) =>
  html`<span class="status s${[200, 401, 403, 404, 405].includes(s) ? s : 0}">${s === 0 ? '—' : s}</span>`;
const entry = (e: EntryText) =>
  html`<span class="${e.effect}">${e.effect}</span> ${e.kind}${e.resource !== '*' ? html` on <code>${e.resource}</code>` : ''} for <code>${e.principal}</code>`;
const list = (items: readonly SafeHtml[] | readonly string[], empty = '—') =>
  items.length === 0
    ? html`<span class="muted">${empty}</span>`
    : html`${(items as readonly (SafeHtml | string)[]).map((x, i) => html`${i > 0 ? raw(', ') : ''}${x}`)}`;

const answerLine = (a: AnswerText) =>
  html`${statusBadge(a.status)} <strong>${a.outcome}</strong>${a.body ? html` · <code>${a.body}</code>` : ''}`;

const callerChanges = (xs: readonly CallerChange[], pick: (x: CallerChange) => number) =>
  xs.length === 0
    ? html`<span class="muted">nobody</span>`
    : html`${xs.map(
        (x, i) =>
          html`${i > 0 ? raw('; ') : ''}<strong>${x.caller}</strong>: ${pick(x)} call${pick(x) === 1 ? '' : 's'}`,
      )}`;

function questionBlock(q: QuestionReport, d: ReportData): SafeHtml {
  const appendix = d.sections.includes('appendix');
  if (q.error)
    return html`<div class="card"><h3>Question ${q.index}: <code>${q.call}</code> as ${q.caller}</h3><p class="fail">Not evaluated: ${q.error}</p></div>`;
  return html`<div class="card"><h3>Question ${q.index}: may <strong>${q.caller}</strong> call <code>${q.call}</code>?</h3>
<p class="answer">${q.after ? 'Before the change: ' : 'Answer: '}${answerLine(q.before)}</p>
${q.after ? html`<p class="answer">After the change: ${answerLine(q.after)}</p>` : ''}
<p class="cause"><strong>Why${q.after ? ' (before)' : ''}:</strong> ${q.before.cause}</p>
${q.after && q.after.cause !== q.before.cause ? html`<p class="cause"><strong>Why after:</strong> ${q.after.cause}</p>` : ''}
${appendix ? html`<p class="muted small">Every step: <a href="#${anchorId('q', String(q.index))}">Appendix, question ${q.index}</a>.</p>` : ''}
</div>`;
}

function findingSection(f: FindingReport, d: ReportData): SafeHtml {
  const scenarioShown = d.sections.includes('scenario');
  return html`
${f.questions.length === 0 ? html`<p class="muted">No question was chosen for this report.</p>` : html`${f.questions.map(q => questionBlock(q, d))}`}
${
  f.change
    ? html`<h3>Recommended change <span class="muted">(scenario “${f.change.scenario}”)</span></h3>
<ol>${f.change.changes.map(c => html`<li>${c}</li>`)}</ol>`
    : ''
}
${
  f.blastRadius
    ? html`<h3>Blast radius: who else is affected</h3>
<p>${f.blastRadius.totals.total} call${f.blastRadius.totals.total === 1 ? '' : 's'} answer differently (every user, and every application key from inside each of its allowlist entries and from outside).</p>
<p class="gain"><strong>Gain access</strong> (${f.blastRadius.totals.gained}):</p><p>${callerChanges(f.blastRadius.gains, x => x.gained)}</p>
<p class="lose"><strong>Lose access</strong> (${f.blastRadius.totals.revoked}):</p><p>${callerChanges(f.blastRadius.loses, x => x.revoked)}</p>
${f.blastRadius.other.length ? html`<p><strong>Answer otherwise</strong> (${f.blastRadius.totals.changed + f.blastRadius.totals.unknown}):</p><p>${callerChanges(f.blastRadius.other, x => x.changed + x.unknown)}</p>` : ''}
${scenarioShown ? html`<p class="muted small">Each changed call: <a href="#sec-scenario">${SECTION_TITLES.scenario}</a>.</p>` : ''}`
    : ''
}`;
}

/** An explanation as numbered steps: verdict, text, cited sections, details (who wrote a context-manager entry among them). */
function stepsHtml(explanation: StepText[], cites: CiteLinks): SafeHtml {
  return html`<ol class="steps">${explanation.map(s => html`<li class="step"><span class="v">${s.kind} · ${s.verdict}</span> ${s.text}${s.cites.length ? html` <span class="cites">${s.cites.map((c, i) => html`${i > 0 ? ' ' : ''}${cites.chip(c)}`)}</span>` : ''}${s.details.length ? html`<ul class="details">${s.details.map(x => html`<li>${x}</li>`)}</ul>` : ''}</li>`)}</ol>`;
}

function appendixSection(f: FindingReport | undefined, cites: CiteLinks): SafeHtml {
  const qs = f?.questions ?? [];
  if (qs.length === 0) return html`<p class="muted">No question was chosen for this report.</p>`;
  const steps = (a: AnswerText) => stepsHtml(a.explanation, cites);
  return html`${qs.map(
    q => html`<div class="card" id="${anchorId('q', String(q.index))}"><h3>Question ${q.index}: <code>${q.call}</code> as ${q.caller}</h3>
${
  q.error
    ? html`<p class="fail">Not evaluated: ${q.error}</p>`
    : html`<p>${q.after ? 'Before the change: ' : ''}${answerLine(q.before)}</p>${steps(q.before)}
${q.after ? html`<p>After the change: ${answerLine(q.after)}</p>${steps(q.after)}` : ''}`
}</div>`,
  )}`;
}

function summarySection(s: ModelSummary): SafeHtml {
  const c = s.counts;
  const counts: [string, number][] = [
    ['Users', c.users],
    ['Groups', c.groups],
    ['Organizations', c.organizations],
    ['Things', c.things],
    ['Templates', c.templates],
    ['Shapes', c.shapes],
    ['Other entities', c.otherEntities],
    ['Application keys', c.appKeys],
    ['Equipment contexts', c.contexts],
    ['Saved requests', c.savedRequests],
  ];
  return html`
<p class="muted">Counts are of elements defined in the model (ThingWorx built-ins not counted).</p>
<table><thead><tr>${counts.map(([k]) => html`<th>${k}</th>`)}</tr></thead><tbody><tr>${counts.map(([, v]) => html`<td>${v}</td>`)}</tr></tbody></table>
<h3>Organizations</h3>
${
  s.organizations.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th>Organization</th><th>Unit</th><th>Parent unit</th><th>Members</th></tr></thead><tbody>
${s.organizations.flatMap(o => o.units.map(u => html`<tr><td>${o.name}</td><td>${u.name}</td><td>${u.parent ?? '—'}</td><td>${list(u.members.map(m => html`<code>${m}</code>`))}</td></tr>`))}
</tbody></table>`
}
<h3>Groups and their members</h3>
<table><thead><tr><th>Group</th><th>Member of</th><th>Direct members</th></tr></thead><tbody>
${s.groups.map(g => html`<tr><td>${g.name}${g.builtin ? html` <span class="muted">(built-in)</span>` : ''}</td><td>${list(g.memberOf)}</td><td>${list(g.members.map(m => html`<code>${m}</code>`))}</td></tr>`)}
</tbody></table>
<h3>Templates and their instance permissions</h3>
<table><thead><tr><th>Template</th><th>Base</th><th>Shapes</th><th>Things</th><th>Run Time Instance</th><th>Design Time Instance</th><th>Visibility Instance</th></tr></thead><tbody>
${s.templates.map(
  t => html`<tr><td>${t.name}</td><td>${t.base ?? '—'}</td><td>${list(t.shapes)}</td><td>${t.thingCount}</td>
<td>${t.instance.runtime.length ? html`${t.instance.runtime.map(e => html`<div>${entry(e)}</div>`)}` : html`<span class="muted">—</span>`}</td>
<td>${t.instance.designtime.length ? html`${t.instance.designtime.map(e => html`<div>${entry(e)}</div>`)}` : html`<span class="muted">—</span>`}</td>
<td>${list(t.instance.visibility.map(v => html`<code>${v}</code>`))}</td></tr>`,
)}
</tbody></table>`;
}

function requestCard(r: RequestReport, cites: CiteLinks): SafeHtml {
  return html`<div class="card" id="${anchorId('req', String(r.index))}">
<h3>${r.index}. <code>${r.call}</code> <span class="muted">(${r.caller})</span></h3>
${r.note ? html`<p class="muted">${r.note}</p>` : ''}
${
  r.error
    ? html`<p class="fail">Not evaluated: ${r.error}</p>`
    : html`<p>${statusBadge(r.status)} <strong>${r.outcome}</strong>${r.expectation ? html` · expected ${r.expectation.expected}: <span class="${r.expectation.pass ? 'pass' : 'fail'}">${r.expectation.pass ? 'PASS' : 'FAIL'}</span>` : ''}</p>
<p>Response body: <code>${r.body || '(empty)'}</code></p>
${stepsHtml(r.explanation, cites)}
${r.unknowns.length ? html`<p class="note">Not modelled: ${r.unknowns.join('; ')}</p>` : ''}`
}
</div>`;
}

function requestsSection(rows: RequestReport[], cites: CiteLinks): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">The model has no saved requests.</p>`;
  const withExpect = rows.filter(r => r.expectation);
  const passed = withExpect.filter(r => r.expectation?.pass).length;
  return html`
${withExpect.length ? html`<p>${passed} of ${withExpect.length} expectations pass.</p>` : ''}
<table><thead><tr><th>#</th><th>Call</th><th>Caller</th><th>Status</th><th>Expectation</th></tr></thead><tbody>
${rows.map(r => html`<tr><td><a href="#${anchorId('req', String(r.index))}">${r.index}</a></td><td><code>${r.call}</code></td><td>${r.caller}</td><td>${statusBadge(r.status)}</td><td>${r.expectation ? html`<span class="${r.expectation.pass ? 'pass' : 'fail'}">${r.expectation.pass ? 'PASS' : 'FAIL'}</span> ${r.expectation.expected}` : html`<span class="muted">—</span>`}</td></tr>`)}
</tbody></table>
${rows.map(r => requestCard(r, cites))}`;
}

function scenarioSection(s: ScenarioReport): SafeHtml {
  if (!s.available)
    return html`<p><strong>Scenario:</strong> ${s.name}</p><p class="unavailable">Not available in this build: ${s.reason}</p>`;
  return html`<p><strong>Scenario:</strong> ${s.name}</p>
<h3>Changes</h3><ol>${s.changes.map(c => html`<li>${c}</li>`)}</ol>
<p>${s.counts.total} decision${s.counts.total === 1 ? '' : 's'} change: ${s.counts.gained} gained, ${s.counts.revoked} revoked, ${s.counts.changed} changed otherwise, ${s.counts.unknown} unknown.${s.cells.length < s.counts.total ? html` The first ${s.cells.length} are listed.` : ''}</p>
<h3>Blast radius</h3>
${
  s.blastRadius.length === 0
    ? html`<p class="muted">No decision changes.</p>`
    : html`<table><thead><tr><th>Change</th><th>Users</th><th>Entities</th><th>Kinds</th></tr></thead><tbody>
${s.blastRadius.map(b => html`<tr><td>${b.change}</td><td>${list(b.users)}</td><td>${list(b.entities)}</td><td>${list(b.kinds)}</td></tr>`)}</tbody></table>`
}
<h3>Changed decisions</h3>
${
  s.cells.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th>User</th><th>Call</th><th>Change</th><th>Before</th><th>After</th><th>Why before</th><th>Why after</th></tr></thead><tbody>
${s.cells.map(c => html`<tr><td>${c.user}</td><td><code>${c.call}</code></td><td>${c.change}</td><td>${statusBadge(c.before)}</td><td>${statusBadge(c.after)}</td><td>${c.whyBefore}</td><td>${c.whyAfter}</td></tr>`)}</tbody></table>`
}
${
  s.equipment.length
    ? html`<h3>Equipment permission changes</h3><table><thead><tr><th>User</th><th>Context</th><th>Equipment</th><th>Before</th><th>After</th></tr></thead><tbody>
${s.equipment.map(e => html`<tr><td>${e.user}</td><td>${e.context}</td><td>${e.equipment}</td><td>${e.before}</td><td>${e.after}</td></tr>`)}</tbody></table>`
    : ''
}`;
}

/**
 * One user x entity table. Characteristics whose every kind answers exactly like `*` are listed in
 * one line under it (built-in services of GenericThing would otherwise fill pages); the JSON and
 * CSV keep every row.
 */
function effectiveBlock(t: EffectiveTable): SafeHtml {
  const kinds: string[] = [];
  for (const r of t.rows) if (!kinds.includes(r.kind)) kinds.push(r.kind);
  const byChar = new Map<string, EffectiveRow[]>();
  for (const r of t.rows) {
    const k = `${r.characteristicKind}\u0000${r.characteristic}`;
    (byChar.get(k) ?? byChar.set(k, []).get(k)!).push(r);
  }
  const star = new Map((byChar.get('*\u0000*') ?? []).map(r => [r.kind, r.status]));
  const likeStar: string[] = [];
  const shown: EffectiveRow[][] = [];
  for (const rows of byChar.values()) {
    const first = rows[0]!;
    if (
      first.characteristicKind !== '*' &&
      star.size > 0 &&
      rows.every(r => star.get(r.kind) === r.status)
    )
      likeStar.push(first.characteristic);
    else shown.push(rows);
  }
  if (t.after) return effectiveBeforeAfter(t);
  return html`<h3>${t.user} on ${t.collection}/${t.entity}</h3>
${
  t.rows.length === 0
    ? html`<p class="muted">No rows.</p>`
    : html`<table class="eff"><thead><tr><th class="char">Characteristic</th><th class="kind">Kind</th><th class="k">Status</th><th>Decided by</th></tr></thead><tbody>
${shown.flatMap(rows => rows.map((r, i) => html`<tr${i === 0 ? html` class="first"` : ''}><td class="char">${i === 0 ? html`<code>${r.characteristic}</code> <span class="muted">${r.characteristicKind === '*' ? '' : r.characteristicKind}</span>` : ''}</td><td class="kind">${r.kind}</td><td class="k">${statusBadge(r.status)}</td><td>${r.decidedBy}</td></tr>`))}
${likeStar.length ? html`<tr class="first"><td colspan="4" class="muted">${likeStar.length} more characteristic${likeStar.length > 1 ? 's' : ''} answer${likeStar.length > 1 ? '' : 's'} exactly like <code>*</code> for every kind: ${likeStar.map((c, i) => html`${i > 0 ? ', ' : ''}<code>${c}</code>`)}</td></tr>` : ''}
</tbody></table>`
}`;
}

/**
 * A user x entity table before and after a scenario: every row with both statuses, the differing
 * ones marked (and only rows that answer exactly like `*` on both sides folded).
 */
function effectiveBeforeAfter(t: EffectiveTable): SafeHtml {
  const after = t.after ?? [];
  const differing = after.filter(a => a.differs).length;
  const rows = t.rows.map((r, i) => ({ r, a: after[i] }));
  return html`<h3>${t.user} on ${t.collection}/${t.entity} <span class="muted">(${differing === 0 ? 'no difference' : `${differing} differ${differing === 1 ? 's' : ''}`})</span></h3>
${
  t.rows.length === 0
    ? html`<p class="muted">No rows.</p>`
    : html`<table class="eff"><thead><tr><th class="char">Characteristic</th><th class="kind">Kind</th><th class="k">Before</th><th class="k">After</th><th>Decided by (after)</th></tr></thead><tbody>
${rows.map(({ r, a }) => html`<tr class="${a?.differs ? 'differs' : ''}"><td class="char"><code>${r.characteristic}</code> <span class="muted">${r.characteristicKind === '*' ? '' : r.characteristicKind}</span></td><td class="kind">${r.kind}</td><td class="k">${statusBadge(r.status)}</td><td class="k">${a ? statusBadge(a.status) : ''}${a?.differs ? html` <span class="mark" title="differs">≠</span>` : ''}</td><td>${a?.decidedBy ?? r.decidedBy}</td></tr>`)}
</tbody></table>`
}`;
}

function equipmentSection(eq: EquipmentReport[]): SafeHtml {
  if (eq.length === 0) return html`<p class="muted">The model has no equipment contexts.</p>`;
  return html`${eq.map(
    c => html`<h3>${c.displayName} <span class="muted">(context ${c.context})</span></h3>
${c.principals.length === 0 ? html`<p class="muted">No users chosen.</p>` : ''}
${
  c.principals.length > 0
    ? html`<table><thead><tr><th>Equipment</th><th>Type</th>${c.principals.map(p => html`<th>${p.principal.replace(/^user:/, '')}</th>`)}</tr></thead><tbody>
<tr><td><em>the context</em></td><td>Context</td>${c.principals.map(p => html`<td>${p.onContext}</td>`)}</tr>
${(c.principals[0]?.rows ?? []).map(
  (row, i) =>
    html`<tr><td>${raw('&nbsp;&nbsp;'.repeat(row.depth))}${row.equipment}</td><td>${row.type}</td>${c.principals.map(
      p => {
        const r = p.rows[i];
        return r
          ? html`<td>${r.permission}${r.visible ? '' : html` <span class="muted">(not visible)</span>`}</td>`
          : html`<td></td>`;
      },
    )}</tr>`,
)}
</tbody></table>
<p class="muted">Decided by: ${[...new Set(c.principals.map(p => p.decidedBy))].map(
        why =>
          html`${c.principals
            .filter(p => p.decidedBy === why)
            .map(p => p.principal.replace(/^user:/, ''))
            .join(', ')}: ${why}. `,
      )}</p>`
    : ''
}`,
  )}`;
}

function semanticsSection(s: SemanticsReport): SafeHtml {
  return html`<h3>Semantic options in force</h3>
<table><thead><tr><th>Option</th><th>Value</th><th>Default</th><th>Meaning</th></tr></thead><tbody>
${s.options.map(o => html`<tr><td><code>${o.name}</code></td><td>${o.value}${o.isDefault ? '' : html` <strong>(changed)</strong>`}</td><td>${o.default}</td><td>${o.meaning}</td></tr>`)}
${s.factory.map(o => html`<tr><td><code>factory.${o.name}</code></td><td>${o.value}${o.isDefault ? '' : html` <strong>(changed)</strong>`}</td><td>${o.default}</td><td>factory default of a fresh server</td></tr>`)}
</tbody></table>
<h3>What the answers relied on</h3>
${
  s.reliedOn.length === 0
    ? html`<p class="muted">No option, inference or unmodelled behaviour decided any saved request.</p>`
    : html`<table><thead><tr><th>Kind</th><th>What</th><th>Used by</th></tr></thead><tbody>
${s.reliedOn.map(r => html`<tr><td>${r.what}</td><td>${r.text}</td><td>${r.usedBy.join(', ')}</td></tr>`)}</tbody></table>`
}`;
}

function sectionBody(d: ReportData, s: ReportSection, cites: CiteLinks): SafeHtml {
  switch (s) {
    case 'finding':
      return d.finding ? findingSection(d.finding, d) : html``;
    case 'appendix':
      return appendixSection(d.finding, cites);
    case 'summary':
      return d.summary ? summarySection(d.summary) : html``;
    case 'requests':
      return requestsSection(d.requests ?? [], cites);
    case 'scenario':
      return d.scenario ? scenarioSection(d.scenario) : html``;
    case 'effective':
      return (d.effective ?? []).length === 0
        ? html`<p class="muted">No users or entities chosen.</p>`
        : (d.effective ?? []).some(t => t.after)
          ? html`<p class="muted">Status of each characteristic x kind for a user (§9.6). <strong>Before</strong> = the model as it is; <strong>after</strong> = with the scenario's changes. Rows marked ≠ differ.</p>${(d.effective ?? []).map(effectiveBlock)}`
          : html`<p class="muted">Status of each characteristic x kind for a user (§9.6), with what decided it.</p>${(d.effective ?? []).map(effectiveBlock)}`;
    case 'equipment':
      return equipmentSection(d.equipment ?? []);
    case 'graph':
      // The SVG string is built by graph-svg.ts with every label escaped.
      return d.graph && d.graph.nodes.length > 0
        ? html`<p class="muted">Users (blue) and the groups they inherit from (orange), arrows point from member to group (§2.11).</p><figure>${raw(d.graph.svg)}</figure>`
        : html`<p class="muted">No users chosen.</p>`;
    case 'semantics':
      return d.semantics ? semanticsSection(d.semantics) : html``;
  }
}

export type HtmlOptions = {
  /**
   * PermSim's permission-model reference (docs/permission-model.md, parsed): each section chip links
   * to its topic, copied into a last appendix so the file stays self-contained. Without it the chips
   * are plain text.
   */
  reference?: ReferenceDoc;
};

/**
 * The whole report page.
 *
 * @example
 * writeFileSync('report.html', reportToHtml(data, { reference: parseReference(text) }));
 */
export function reportToHtml(d: ReportData, options: HtmlOptions = {}): string {
  const ids = Object.fromEntries(d.sections.map(s => [s, `sec-${s}`])) as Record<
    ReportSection,
    string
  >;
  const cites = citeLinks(options.reference);
  const section = (s: ReportSection) =>
    html`<section id="${ids[s]}" class="${s}"><h2>${SECTION_TITLES[s]}</h2>${sectionBody(d, s, cites)}</section>`;
  // The finding leads: the answer on page 1, before the contents and the details.
  const lead = d.sections[0] === 'finding';
  const leading = lead ? section('finding') : html``;
  const rest = d.sections.filter(s => !(lead && s === 'finding')).map(section);
  // Rendered last: it holds the topics the chips of every section above cite.
  const reference = cites.appendix();
  const page = html`<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PermSim ${d.appVersion}">
<title>${d.title}</title>
<style>${raw(CSS)}</style>
</head><body>
<header><h1>${d.title}</h1>
<p class="meta">Model <strong>${d.model.name}</strong> · generated ${d.exportedAt} · PermSim ${d.appVersion}</p></header>
${leading}
<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${d.sections.map(s => html`<li><a href="#${ids[s]}">${SECTION_TITLES[s]}</a></li>`)}${reference ? html`<li><a href="#sec-reference">${reference.title}</a></li>` : ''}</ol></nav>
${d.notes.length ? html`<div class="note">${d.notes.map(n => html`<div>${n}</div>`)}</div>` : ''}
${rest}
${reference ? html`<section id="sec-reference" class="reference"><h2>${reference.title}</h2>${reference.body}</section>` : ''}
<footer class="muted"><p>Simulated with PermSim from the model only; answers follow the sections cited (§x.y), each explained in PermSim's permission-model reference (<code>docs/permission-model.md</code>, shown in the app when you click a section chip)${reference ? html`; the topics cited are copied under <a href="#sec-reference">${reference.title}</a>` : ''}. Not a substitute for testing on the real server.</p></footer>
</body></html>
`;
  return page.value;
}
