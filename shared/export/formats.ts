/**
 * A scenario exported for a live ThingWorx server (docs/export-changes.md), in three formats:
 * - `script`: a POSIX sh script of curl calls (the calls of ./calls.ts), reading the server URL and an
 *   application key from TWX_URL and TWX_APPKEY, printing each step and stopping at the first failure;
 * - `xml`: entity XML (./entity-xml.ts) of exactly the entities the scenario changes;
 * - `postman`: a Postman collection (schema v2.1) of the same calls.
 * `inverse` gives the export that undoes the scenario. Every export starts with a header: the
 * scenario, its baseline, the expected effect (the what-if counts and blast radius of
 * shared/whatif) and what is not exported or not exact.
 *
 * @example
 * const r = exportChanges(model, scenario, { format: 'script', baselineLabel: 'demo.yaml' });
 * if (r.ok) r.value.text.startsWith('#!/bin/sh'); // true
 */
import type { Model } from '../model/types';
import { describeChange } from '../whatif/change';
import { describeRectangle } from '../whatif/blast-radius';
import type { Scenario } from '../whatif/scenario';
import { summarizeScenario } from '../whatif/summary-view';
import type { ScenarioSummary } from '../whatif/summary-view';
import type { NotExported, TwxCall } from './calls';
import { callPath, planExport } from './calls';
import { changedEntities, selectionNames, writeEntitiesXml } from './entity-xml';
import type { EntitySelection } from './entity-xml';
import { own } from '../model/own';

export const EXPORT_FORMATS = ['script', 'xml', 'postman'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportChangesOptions = {
  format: ExportFormat;
  /** The export that undoes the scenario. */
  inverse?: boolean;
  /** How the header names the baseline (a file name, the project's name). */
  baselineLabel: string;
  /**
   * The what-if summary of the whole scenario against `baseline`, when the caller already has it
   * (the workbench's cached one): the header's expected effect. Computed when absent.
   */
  effect?: ExpectedEffect;
};

/** The parts of the what-if summary (shared/whatif/summary-view.ts) the header shows. */
export type ExpectedEffect = Pick<
  ScenarioSummary,
  'counts' | 'blastRadius' | 'equipment' | 'evaluatedCells' | 'scopeCells'
>;

export type ExportChangesResult = {
  format: ExportFormat;
  inverse: boolean;
  /** A file name to offer (no directory). */
  fileName: string;
  mimeType: string;
  /** The header as plain lines (also at the top of `text`). */
  header: string[];
  text: string;
  /** REST calls in the export (script, postman) or entities (xml). */
  items: number;
  notExported: NotExported[];
};

export type ExportChangesOutcome =
  | { ok: true; value: ExportChangesResult }
  | { ok: false; error: { code: string; message: string; index?: number } };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Changes an entity-XML import cannot carry, and why (§2.2, §6.6). */
function xmlNotExported(scenario: Scenario): NotExported[] {
  const out: NotExported[] = [];
  scenario.changes.forEach((c, i) => {
    const why = ((): string | undefined => {
      if (c.type.startsWith('remove-') && c.type !== 'remove-entry')
        return c.type === 'remove-membership' || c.type === 'remove-unit-member'
          ? 'importing a group or unit whose member list lacks a member does not remove it (the export notes say so for groups; PermSim assumes the same for units)'
          : 'an import adds and replaces entities; it never deletes one';
      if (c.type.startsWith('rename-'))
        return 'an import would create the new name beside the old entity, not rename it';
      if ((c.type === 'add-entry' || c.type === 'remove-entry') && c.target.level === 'collection')
        return 'collection-level permissions travel only with a ThingworxStorage export, not in entity XML';
      if (c.type === 'add-app-key')
        return 'a new application key needs a secret, which PermSim never writes; create it in Composer';
      if (c.type === 'set-owner' && c.owner === null) return 'no form of the XML removes an owner';
      if (c.type === 'set-semantics' || c.type === 'set-factory')
        return 'a simulator option, not a server setting';
      return undefined;
    })();
    if (why) out.push({ change: i, text: describeChange(c), why });
  });
  return out;
}

function header(
  baseline: Model,
  scenario: Scenario,
  opts: ExportChangesOptions,
  notExported: NotExported[],
  caveats: string[],
  contents: string[],
): string[] {
  const inverse = opts.inverse === true;
  const lines: string[] = [
    `PermSim export (${opts.format}${inverse ? ', inverse: undoes the scenario' : ''})`,
    `Scenario: ${scenario.name}`,
    `Baseline: ${opts.baselineLabel}`,
    `Changes (${scenario.changes.length}):`,
    ...scenario.changes.map((c, i) => `  ${i + 1}. ${describeChange(c)}`),
  ];
  if (scenario.changes.length === 0) lines.push('  (none)');
  const s: { ok: true; value: ExpectedEffect } | { ok: false; error: { message: string } } =
    opts.effect ? { ok: true, value: opts.effect } : summarizeScenario(baseline, scenario);
  lines.push('', 'Expected effect of the scenario on the baseline (PermSim what-if):');
  if (s.ok) {
    const c = s.value.counts;
    lines.push(
      `  ${plural(c.total, 'REST answer')} change${c.total === 1 ? 's' : ''}: gained ${c.gained}, revoked ${c.revoked}, changed ${c.changed}, unknown ${c.unknown} (${s.value.evaluatedCells} of ${s.value.scopeCells} cells in scope compared)`,
    );
    if (inverse)
      lines.push('  This export undoes them: what was gained is revoked and the other way round.');
    lines.push('  Blast radius (largest first):');
    if (s.value.blastRadius.length === 0) lines.push('    nothing changes in this scope');
    s.value.blastRadius
      .slice(0, 10)
      .forEach((r, i) => lines.push(`    ${i + 1}. ${describeRectangle(r)}`));
    if (s.value.blastRadius.length > 10)
      lines.push(`    ... and ${s.value.blastRadius.length - 10} more`);
    for (const e of s.value.equipment.slice(0, 10))
      lines.push(
        `  Equipment: ${e.user} on ${e.equipment} (${e.context}): ${e.before} -> ${e.after}`,
      );
  } else lines.push(`  (not computed: ${s.error.message})`);
  lines.push('', ...contents);
  lines.push('', notExported.length === 0 ? 'Not exported: nothing.' : 'Not exported:');
  for (const n of notExported)
    lines.push(`  - not exported: change ${n.change + 1} (${n.text}): ${n.why}`);
  lines.push('', caveats.length === 0 ? 'Exactness: exact.' : 'Not exact:');
  for (const c of caveats) lines.push(`  - ${c}`);
  return lines;
}

/** A word for the shell, single-quoted: nothing inside is expanded (`$`, backquotes, `"`); `'` is closed, escaped and reopened. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function scriptText(head: string[], calls: TwxCall[]): string {
  const out: string[] = ['#!/bin/sh'];
  for (const l of head) out.push(l === '' ? '#' : `# ${l.replace(/\r?\n/g, ' ')}`);
  out.push(
    '#',
    '# Run: TWX_URL=https://thingworx.example.com TWX_APPKEY=... sh THIS_FILE',
    '# TWX_DRY_RUN=1 prints the calls without sending them. The key goes to curl on its standard',
    '# input, never on a command line. A JSON Content-Type passes the CSRF filter of ThingWorx.',
    '',
    'set -u',
    '',
    'if [ -z "${TWX_URL:-}" ] || [ -z "${TWX_APPKEY:-}" ]; then',
    "  echo 'Set TWX_URL (the server, e.g. https://thingworx.example.com) and TWX_APPKEY (an application key of an administrator) first.' >&2",
    '  exit 2',
    'fi',
    'if ! command -v curl >/dev/null 2>&1; then',
    "  echo 'This script needs curl.' >&2",
    '  exit 2',
    'fi',
    'base=${TWX_URL%/}',
    'base=${base%/Thingworx}',
    'body_file=$(mktemp) || exit 2',
    'trap \'rm -f "$body_file"\' EXIT',
    `total=${calls.length}`,
    '',
    '# step NUMBER WHAT PATH JSON: one POST; stops the script unless the server answers 2xx.',
    'step() {',
    '  printf \'[%s/%s] %s\\n\' "$1" "$total" "$2"',
    '  printf \'      POST %s\\n\' "$3"',
    '  if [ -n "${TWX_DRY_RUN:-}" ]; then',
    '    printf \'      %s\\n\' "$4"',
    '    return 0',
    '  fi',
    '  status=$(printf \'appKey: %s\\n\' "$TWX_APPKEY" | curl --silent --show-error \\',
    '    --output "$body_file" --write-out \'%{http_code}\' --request POST --header @- \\',
    "    --header 'Content-Type: application/json' --header 'Accept: application/json' \\",
    '    --data-binary "$4" "$base$3") || {',
    '    printf \'FAILED at step %s: curl could not complete the request\\n\' "$1" >&2',
    '    exit 1',
    '  }',
    '  case $status in',
    '    2??) ;;',
    '    *)',
    '      printf \'FAILED at step %s: HTTP %s\\n\' "$1" "$status" >&2',
    '      cat "$body_file" >&2',
    '      echo >&2',
    '      exit 1',
    '      ;;',
    '  esac',
    '}',
    '',
  );
  calls.forEach((c, i) => {
    out.push(
      `step ${i + 1} ${shQuote(c.label)} \\`,
      `  ${shQuote(callPath(c))} \\`,
      `  ${shQuote(JSON.stringify(c.params))}`,
    );
  });
  out.push(
    '',
    calls.length === 0
      ? "echo 'Nothing to send: no change of this scenario is a service call.'"
      : `echo ${shQuote(`Done: ${plural(calls.length, 'call')} succeeded.`)}`,
    '',
  );
  return out.join('\n');
}

const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function postmanText(
  scenario: Scenario,
  head: string[],
  calls: TwxCall[],
  inverse: boolean,
): string {
  const collection = {
    info: {
      name: `${inverse ? 'Undo: ' : ''}${scenario.name} (PermSim)`,
      description: head.join('\n'),
      schema: POSTMAN_SCHEMA,
    },
    variable: [
      { key: 'baseUrl', value: 'https://thingworx.example.com', type: 'string' },
      { key: 'appKey', value: '', type: 'string' },
    ],
    item: calls.map((c, i) => {
      const path = callPath(c).split('/').slice(1);
      return {
        name: `${i + 1}. ${c.label}`,
        request: {
          method: 'POST',
          header: [
            { key: 'appKey', value: '{{appKey}}', type: 'text' },
            { key: 'Content-Type', value: 'application/json', type: 'text' },
            { key: 'Accept', value: 'application/json', type: 'text' },
          ],
          body: {
            mode: 'raw',
            raw: JSON.stringify(c.params, null, 2),
            options: { raw: { language: 'json' } },
          },
          url: { raw: `{{baseUrl}}/${path.join('/')}`, host: ['{{baseUrl}}'], path },
        },
        event: [
          {
            listen: 'test',
            script: {
              type: 'text/javascript',
              exec: [
                "pm.test('ThingWorx answered 2xx', function () { pm.expect(pm.response.code).to.be.within(200, 299); });",
                '// Stop the collection run at the first failure, like the script does.',
                'if (pm.response.code < 200 || pm.response.code > 299) { postman.setNextRequest(null); }',
              ],
            },
          },
        ],
      };
    }),
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

const fileBase = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'scenario';

/**
 * Exports `scenario` (applied to `baseline`) in one format. Errors as data: a change that does not
 * apply names its index, like the what-if.
 *
 * @example
 * exportChanges(model, scenario, { format: 'postman', inverse: true, baselineLabel: 'demo.yaml' });
 */
export function exportChanges(
  baseline: Model,
  scenario: Scenario,
  opts: ExportChangesOptions,
): ExportChangesOutcome {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
    return {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `unknown format '${String(opts.format)}'; expected one of ${EXPORT_FORMATS.join(', ')}`,
      },
    };
  const p = planExport(baseline, scenario.changes);
  if (!p.ok) return p;
  const plan = p.value;
  const inverse = opts.inverse === true;
  const base = `${fileBase(scenario.name)}${inverse ? '.undo' : ''}`;

  if (opts.format === 'xml') {
    const { changed, created, removed } = changedEntities(baseline, plan.result);
    // The inverse writes the baseline's form of the changed entities and of those the scenario
    // removed; the ones it created cannot be deleted by an import, and are listed.
    const sel: EntitySelection = {};
    for (const k of Object.keys(changed) as (keyof EntitySelection)[])
      sel[k] = inverse
        ? [
            ...(changed[k] ?? []).filter(n => !(created[k] ?? []).includes(n)),
            ...(removed[k] ?? []),
          ]
        : (changed[k] ?? []);
    const names = selectionNames(sel);
    const notExported = inverse ? [] : xmlNotExported(scenario);
    const source = inverse ? baseline : plan.result;
    // Built-in entities (resources, subsystems, the default users and groups) are the server's own:
    // their XML here is only PermSim's picture of them.
    const builtins = selectionNames({
      users: (sel.users ?? []).filter(n => own(source.users, n)?.builtin),
      groups: (sel.groups ?? []).filter(n => own(source.groups, n)?.builtin),
      organizations: (sel.organizations ?? []).filter(n => own(source.organizations, n)?.builtin),
      shapes: (sel.shapes ?? []).filter(n => own(source.shapes, n)?.builtin),
      templates: (sel.templates ?? []).filter(n => own(source.templates, n)?.builtin),
      things: (sel.things ?? []).filter(n => own(source.things, n)?.builtin),
      others: (sel.others ?? []).filter(n => own(source.others, n)?.builtin),
    });
    const caveats = [
      'an import in Composer replaces each entity it names as a whole [PermSim assumes so]; this file holds only what PermSim models (permissions, owner, template, shapes, characteristic names; users without passwords), so importing it over entities that have service code, bindings or configuration would lose them: review it, or use the script format on a live server',
      ...builtins.map(
        n =>
          `${n} is built into ThingWorx; do not import its XML over the server's own, use the script format for its change`,
      ),
      ...(inverse
        ? [
            ...selectionNames(created).map(
              n => `${n} was created by the scenario; an import cannot delete it`,
            ),
            ...selectionNames(removed).map(
              n => `${n} was removed by the scenario; it is written back as it was`,
            ),
            'members that the scenario added to groups or units are not removed by an import',
          ]
        : selectionNames(removed).map(
            n => `${n} is removed by the scenario; an import cannot delete it`,
          )),
    ];
    const head = header(baseline, scenario, opts, notExported, caveats, [
      `Entities in this file (${names.length}), ${inverse ? 'as they are in the baseline' : 'as the scenario leaves them'}:`,
      ...(names.length === 0 ? ['  (none)'] : names.map(n => `  ${n}`)),
    ]);
    const xml = writeEntitiesXml(source, sel);
    // A comment may not contain `--` (XML 1.0 §2.5).
    const comment = `<!--\n${head.map(l => `  ${l.replace(/--/g, '- -')}`).join('\n')}\n-->\n`;
    const i = xml.indexOf('\n') + 1;
    return {
      ok: true,
      value: {
        format: 'xml',
        inverse,
        fileName: `${base}.xml`,
        mimeType: 'application/xml',
        header: head,
        text: xml.slice(0, i) + comment + xml.slice(i),
        items: names.length,
        notExported,
      },
    };
  }

  const calls = inverse ? plan.inverse : plan.forward;
  const caveats = inverse ? plan.inverseCaveats : plan.forwardCaveats;
  const head = header(baseline, scenario, opts, inverse ? [] : plan.notExported, caveats, [
    `Calls (${calls.length}), in order; each is POST /Thingworx/<collection>/<entity>/Services/<service> with a JSON body:`,
    ...(calls.length === 0
      ? ['  (none)']
      : calls.map((c, i) => `  ${i + 1}. ${c.collection}/${c.entity} ${c.service}: ${c.label}`)),
  ]);
  if (inverse && plan.notExported.length > 0)
    head.push(
      '',
      `Not undone (not exported by the forward export either): ${plan.notExported.map(n => `change ${n.change + 1}`).join(', ')}`,
    );
  if (opts.format === 'script')
    return {
      ok: true,
      value: {
        format: 'script',
        inverse,
        fileName: `${base}.sh`,
        mimeType: 'text/x-shellscript',
        header: head,
        text: scriptText(head, calls),
        items: calls.length,
        notExported: plan.notExported,
      },
    };
  return {
    ok: true,
    value: {
      format: 'postman',
      inverse,
      fileName: `${base}.postman_collection.json`,
      mimeType: 'application/json',
      header: head,
      text: postmanText(scenario, head, calls, inverse),
      items: calls.length,
      notExported: plan.notExported,
    },
  };
}
