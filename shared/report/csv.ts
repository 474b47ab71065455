/**
 * The report's tables as CSV (docs/reports.md, style.md §3.5): RFC 4180 quoting (fields with a comma,
 * quote, CR or LF are quoted, embedded quotes doubled, CRLF line ends) and formula-injection
 * escaping (OWASP ASVS 5.0 1.2.10): a field starting with `=`, `+`, `-`, `@`, tab, CR or NUL gets a
 * single-quote prefix, because ThingWorx names are user-authored and spreadsheets run formulas.
 *
 * One file, one header, every table in long form: `table` says which table a row belongs to.
 *
 * @example
 * csvField('=HYPERLINK("http://x")'); // `'=HYPERLINK("http://x")` (then quoted by RFC 4180 rules)
 * reportToCsv(data).split('\r\n')[0]; // 'table,subject,target,item,kind,status,result,detail'
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportData } from './types';
import { own } from '../model/own';

export const CSV_COLUMNS = [
  'table',
  'subject',
  'target',
  'item',
  'kind',
  'status',
  'result',
  'detail',
] as const;
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

// csv-stringify's escape_formulas covers = + - @ tab CR (and their full-width forms); NUL is ours.
const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Formula-injection escaping of one value (before RFC 4180 quoting).
 *
 * @example
 * csvField('@SUM(A1)'); // "'@SUM(A1)"
 * csvField('alice');    // 'alice'
 */
export function csvField(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 text of rows under `columns` (all values are strings; formulas escaped). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  return stringify(
    rows.map(r => columns.map(c => csvField(own(r, c) ?? ''))),
    {
      header: true,
      columns: columns.map(c => ({ key: String(columns.indexOf(c)), header: c })),
      record_delimiter: 'windows',
      quoted_match: /^'/,
      eof: true,
    },
  );
}

const row = (r: Partial<CsvRow>): CsvRow => ({
  table: '',
  subject: '',
  target: '',
  item: '',
  kind: '',
  status: '',
  result: '',
  detail: '',
  ...r,
});
const status = (s: number) => (s === 0 ? '' : String(s));

/**
 * Every table of the report as one CSV: requests, scenario changes, effective permissions,
 * equipment permissions, semantic options and what the answers relied on.
 *
 * @example
 * writeFileSync('report.csv', reportToCsv(data));
 */
export function reportToCsv(d: ReportData): string {
  const rows: CsvRow[] = [];
  for (const q of d.finding?.questions ?? []) {
    rows.push(
      row({
        table: 'question',
        subject: q.caller,
        target: q.call,
        item: String(q.index),
        kind: q.after ? 'before->after' : '',
        status: q.error
          ? ''
          : q.after
            ? `${status(q.before.status)}->${status(q.after.status)}`
            : status(q.before.status),
        result: q.error
          ? 'error'
          : q.after
            ? `${q.before.outcome}->${q.after.outcome}`
            : q.before.outcome,
        detail:
          q.error ??
          [q.before.cause, q.after ? `after: ${q.after.cause}` : ''].filter(Boolean).join(' | '),
      }),
    );
  }
  const br = d.finding?.blastRadius;
  if (br && d.finding?.change) {
    for (const [list, what] of [
      [br.gains, 'gains'],
      [br.loses, 'loses'],
      [br.other, 'answers otherwise'],
    ] as const)
      for (const x of list)
        rows.push(
          row({
            table: 'blast-radius',
            subject: x.caller,
            item: d.finding.change.scenario,
            kind: what,
            result: `gained ${x.gained}, revoked ${x.revoked}, changed ${x.changed}, unknown ${x.unknown}`,
            detail: `${x.total} call${x.total === 1 ? '' : 's'}`,
          }),
        );
  }
  for (const r of d.requests ?? []) {
    rows.push(
      row({
        table: 'request',
        subject: r.caller,
        target: r.call,
        item: String(r.index),
        kind: r.expectation ? `expected ${r.expectation.expected}` : '',
        status: status(r.status),
        result: r.error
          ? 'error'
          : r.expectation
            ? `${r.outcome}; ${r.expectation.pass ? 'PASS' : 'FAIL'}`
            : r.outcome,
        detail: r.error ?? [r.body, ...r.explanation.map(s => s.text)].filter(Boolean).join(' | '),
      }),
    );
  }
  const s = d.scenario;
  if (s && !s.available)
    rows.push(
      row({ table: 'scenario', subject: s.name, result: 'not available', detail: s.reason }),
    );
  if (s && s.available) {
    for (const c of s.cells) {
      rows.push(
        row({
          table: 'scenario',
          subject: c.user,
          target: c.call,
          item: s.name,
          kind: c.change,
          status: `${c.before}->${c.after}`,
          result: c.change,
          detail: `before: ${c.whyBefore} | after: ${c.whyAfter}`,
        }),
      );
    }
    for (const e of s.equipment) {
      rows.push(
        row({
          table: 'scenario-equipment',
          subject: `user:${e.user}`,
          target: e.context,
          item: e.equipment,
          kind: 'Equipment',
          status: '',
          result: `${e.before}->${e.after}`,
          detail: s.name,
        }),
      );
    }
  }
  for (const t of d.effective ?? []) {
    t.rows.forEach((r, i) => {
      // With a scenario: status "before->after", result "changed" where they differ.
      const a = t.after?.[i];
      rows.push(
        row({
          table: 'effective',
          subject: t.user,
          target: `${t.collection}/${t.entity}`,
          item: r.characteristic,
          kind: r.kind,
          status: a ? `${r.status}->${a.status}` : String(r.status),
          result: a?.differs ? 'changed' : r.allowed ? 'allowed' : 'denied',
          detail: a ? a.decidedBy : r.decidedBy,
        }),
      );
    });
  }
  for (const c of d.equipment ?? []) {
    for (const p of c.principals) {
      rows.push(
        row({
          table: 'equipment',
          subject: p.principal,
          target: c.context,
          item: c.context,
          kind: 'Context',
          result: p.onContext,
          detail: p.decidedBy,
        }),
      );
      for (const e of p.rows) {
        rows.push(
          row({
            table: 'equipment',
            subject: p.principal,
            target: c.context,
            item: e.equipment,
            kind: e.type,
            result: e.permission,
            detail: e.visible ? 'visible' : 'not visible',
          }),
        );
      }
    }
  }
  for (const o of d.semantics?.options ?? [])
    rows.push(
      row({
        table: 'option',
        item: o.name,
        result: o.value,
        detail: `${o.isDefault ? 'default' : `changed from ${o.default}`}: ${o.meaning}`,
      }),
    );
  for (const o of d.semantics?.factory ?? [])
    rows.push(
      row({
        table: 'option',
        item: `factory.${o.name}`,
        result: o.value,
        detail: o.isDefault ? 'default' : `changed from ${o.default}`,
      }),
    );
  for (const r of d.semantics?.reliedOn ?? [])
    rows.push(
      row({ table: 'relied-on', subject: r.usedBy.join(' '), kind: r.what, detail: r.text }),
    );
  return toCsv(CSV_COLUMNS, rows);
}
