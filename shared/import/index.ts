/**
 * The importer: ThingWorx entity export XML, the source-control permissions file and entity JSON
 * in, one PermSim model and an import report out (docs/import.md). Pure TypeScript: the CLI, the
 * backend worker and the tests call it with the files' bytes.
 *
 * All or nothing: a refused file (binary export, neither XML nor JSON, truncated or malformed XML,
 * DOCTYPE or entity declarations) or, with `onConflict: 'fail'`, any conflict between files gives
 * `ok: false` with the report, and no model.
 *
 * @example
 * const r = importSources([{ path: 'Things/T1.xml', bytes }], { onConflict: 'fail' });
 * if (r.ok) console.log(Object.keys(r.model.things)); else console.log(r.report.refusals);
 */
import { materializeApps } from '../apps/materialize';
import { compileModel } from '../model/compile';
import type { ModelFile } from '../model/file-format';
import { ModelFileSchema, OTHER_ENTITY_KEYS } from '../model/file-format';
import { formatPath } from '../model/parse';
import { toModelFile } from '../model/decompile';
import type { Model } from '../model/types';
import type { KnownNames } from './build';
import { buildModelFile, builtinNames } from './build';
import { Collector } from './collector';
import { readJsonDocument } from './read-json';
import { readXmlDocument } from './read-xml';
import type { ImportConflict, ImportReport, ImportSource, OnConflict } from './types';
import { emptyReport, locText } from './types';
import { LineIndex, parseXml } from './xml';

export type { ImportReport, ImportSource, OnConflict, ImportConflict } from './types';
export { normaliseAllowlist, normaliseExpiry } from './build';

export type ImportOptions = {
  onConflict: OnConflict;
  /** Model name (default `Imported model`). */
  name?: string;
  /** Merge into this model (the open project): its names resolve references, conflicts are reported. */
  into?: Model;
  /** Called after each file with (files done, total); long imports show progress with it. */
  onProgress?: (done: number, total: number) => void;
};

export type ImportResult =
  | { ok: true; model: Model; file: ModelFile; report: ImportReport }
  | { ok: false; report: ImportReport };

export const BINARY_EXPORT_ADVICE =
  'this is a binary ThingWorx export; export it from Composer as XML (Import/Export > Export > To File, XML) and import that';

/** lz4-java's block stream ("LZ4Block") and the LZ4 frame magic number (04 22 4D 18). */
function isLz4(b: Uint8Array): boolean {
  const block = [0x4c, 0x5a, 0x34, 0x42, 0x6c, 0x6f, 0x63, 0x6b];
  if (b.length >= 8 && block.every((x, i) => b[i] === x)) return true;
  return b.length >= 4 && b[0] === 0x04 && b[1] === 0x22 && b[2] === 0x4d && b[3] === 0x18;
}

// One decoder of each kind for every file (a source-control tree has tens of thousands of files).
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

function decode(bytes: Uint8Array): string | undefined {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes);
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE.decode(bytes);
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Line and column of a JSON.parse error, from the position V8 puts in its message. */
function jsonErrorPosition(
  text: string,
  message: string,
  lines: LineIndex,
): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(message);
  if (m?.[1]) return lines.position(Number(m[1]));
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc?.[1] && lc[2]) return { line: Number(lc[1]), column: Number(lc[2]) };
  return text.trim() === '' ? {} : lines.end();
}

/** Reads one file into the collector; returns a refusal message or a skip reason. */
function readSource(src: ImportSource, c: Collector, report: ImportReport): void {
  const refuse = (message: string, pos: { line?: number; column?: number } = {}): void => {
    report.refusals.push({ file: src.path, ...pos, message });
  };
  if (isLz4(src.bytes)) return refuse(BINARY_EXPORT_ADVICE);
  const text = decode(src.bytes);
  if (text === undefined)
    return refuse(
      /\.twx$/i.test(src.path)
        ? BINARY_EXPORT_ADVICE
        : 'it is not a text file (neither XML nor JSON); import ThingWorx entity XML, a permissions file or entity JSON',
    );
  const body = text.replace(/^\uFEFF/, '');
  const first = /\S/.exec(body)?.[0];
  const lines = new LineIndex(body);
  if (first === '<') {
    const parsed = parseXml(body, lines);
    if (!parsed.ok) return refuse(parsed.message, { line: parsed.line, column: parsed.column });
    if (!readXmlDocument(parsed.root, parsed.rootTag, src.path, lines, c)) {
      report.files.skipped.push({
        file: src.path,
        reason: `its root element <${parsed.rootTag}> is neither <Entities> (an entity export) nor <Collections> (a permissions file)`,
      });
      return;
    }
  } else if (first === '{' || first === '[') {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return refuse(
        `it is not valid JSON (${msg.replace(/^JSON\.parse: /, '')})`,
        jsonErrorPosition(body, msg, lines),
      );
    }
    readJsonDocument(doc, src.path, c);
  } else {
    return refuse(
      first === undefined
        ? 'the file is empty; expected ThingWorx entity XML or entity JSON'
        : 'it is neither XML nor JSON; expected ThingWorx entity XML (<Entities> or <Collections>) or entity JSON',
    );
  }
  report.files.read += 1;
}

/** Names the open project already defines: they resolve references in the imported files. */
function namesOf(m: Model): KnownNames {
  const k = builtinNames();
  for (const u of Object.keys(m.users)) k.users.add(u);
  for (const g of Object.keys(m.groups)) k.groups.add(g);
  for (const [o, org] of Object.entries(m.organizations))
    k.orgs.set(o, new Set(Object.keys(org.units)));
  for (const t of Object.keys(m.templates)) k.templates.add(t);
  for (const s of Object.keys(m.shapes)) k.shapes.add(s);
  return k;
}

const SECTIONS = [
  'organizations',
  'shapes',
  'templates',
  'things',
  'appKeys',
  ...Object.keys(OTHER_ENTITY_KEYS),
] as const;

/**
 * Puts the imported model file on top of the open project's (both as model files). Users and
 * groups add memberships (an import never removes one); any other element defined on both sides
 * differently is a conflict, decided by `onConflict` (the project is the "first" side).
 */
function mergeFiles(
  base: ModelFile,
  imported: ModelFile,
  onConflict: OnConflict,
  conflicts: ImportConflict[],
): ModelFile {
  const out = structuredClone(base) as Record<string, unknown> & ModelFile;
  const section = (k: string): Record<string, unknown> => {
    const cur = (out as Record<string, unknown>)[k];
    if (cur && typeof cur === 'object') return cur as Record<string, unknown>;
    const fresh = Object.create(null) as Record<string, unknown>;
    (out as Record<string, unknown>)[k] = fresh;
    return fresh;
  };
  const put = (r: Record<string, unknown>, k: string, v: unknown) =>
    Object.defineProperty(r, k, { value: v, enumerable: true, writable: true, configurable: true });
  const clash = (entity: string, a: unknown, b: unknown): boolean => {
    const kept = onConflict === 'last' ? 'last' : 'first';
    conflicts.push({
      entity,
      part: 'definition',
      places: ['the open project', 'the imported files'],
      values: [JSON.stringify(a).slice(0, 160), JSON.stringify(b).slice(0, 160)],
      ...(onConflict === 'fail' ? {} : { kept }),
    });
    return kept === 'last';
  };
  for (const k of ['users', 'groups'] as const) {
    const src = imported[k];
    if (!src) continue;
    const dst = section(k);
    for (const [n, v] of Object.entries(src)) {
      const cur = Object.hasOwn(dst, n) ? (dst[n] as Record<string, unknown>) : undefined;
      if (!cur) {
        put(dst, n, v);
        continue;
      }
      const listKey = k === 'users' ? 'groups' : 'memberOf';
      const next = { ...cur } as Record<string, unknown>;
      const list = [...((cur[listKey] as string[] | undefined) ?? [])];
      for (const g of ((v as Record<string, unknown>)[listKey] as string[] | undefined) ?? [])
        if (!list.includes(g)) list.push(g);
      if (list.length) next[listKey] = list;
      for (const flag of ['enabled', 'locked'] as const) {
        const iv = (v as Record<string, unknown>)[flag];
        if (iv === undefined || iv === cur[flag]) continue;
        if (cur[flag] === undefined || clash(`${k === 'users' ? 'Users' : 'Groups'}/${n}`, cur, v))
          next[flag] = iv;
      }
      put(dst, n, next);
    }
  }
  for (const k of SECTIONS) {
    const src = (imported as Record<string, unknown>)[k] as Record<string, unknown> | undefined;
    if (!src) continue;
    const dst = section(k);
    for (const [n, v] of Object.entries(src)) {
      const cur = Object.hasOwn(dst, n) ? dst[n] : undefined;
      if (cur === undefined || JSON.stringify(cur) === JSON.stringify(v)) put(dst, n, v);
      else if ((v as { unresolved?: boolean }).unresolved) continue;
      else if (clash(`${k}/${n}`, cur, v)) put(dst, n, v);
    }
  }
  if (imported.collections) {
    const dst = section('collections') as Record<string, unknown>;
    for (const [n, v] of Object.entries(imported.collections)) {
      const cur = Object.hasOwn(dst, n) ? dst[n] : undefined;
      if (cur === undefined || JSON.stringify(cur) === JSON.stringify(v)) put(dst, n, v);
      else if (clash(`collection ${n}`, cur, v)) put(dst, n, v);
    }
  }
  return out;
}

/**
 * Imports files into one model. Never throws: every failure is in `report.refusals` or
 * `report.conflicts` with `ok: false`.
 */
export function importSources(sources: readonly ImportSource[], opts: ImportOptions): ImportResult {
  const report = emptyReport();
  try {
    return run(sources, opts, report);
  } catch (e) {
    // A defect, not a user error: still answered as data, with nothing imported.
    report.refusals.push({
      file: sources.length === 1 ? (sources[0]?.path ?? '') : `${sources.length} files`,
      message: `internal error while importing (${e instanceof Error ? e.message : String(e)}); nothing was imported`,
    });
    return { ok: false, report };
  }
}

function run(
  sources: readonly ImportSource[],
  opts: ImportOptions,
  report: ImportReport,
): ImportResult {
  const c = new Collector();
  sources.forEach((src, i) => {
    readSource(src, c, report);
    opts.onProgress?.(i + 1, sources.length);
  });
  return complete(c, opts, report);
}

export type AsyncImportResult = ImportResult | { ok: false; cancelled: true; report: ImportReport };

/**
 * The same import, yielding to the event loop every `yieldEvery` files so that a worker can answer
 * other messages (a Cancel) meanwhile; `cancelled()` is checked at each yield.
 */
export async function importSourcesAsync(
  sources: readonly ImportSource[],
  opts: ImportOptions & { cancelled?: () => boolean; yieldEvery?: number },
): Promise<AsyncImportResult> {
  const report = emptyReport();
  try {
    const c = new Collector();
    const every = opts.yieldEvery ?? 200;
    for (let i = 0; i < sources.length; i++) {
      const src = sources[i];
      if (src) readSource(src, c, report);
      opts.onProgress?.(i + 1, sources.length);
      if ((i + 1) % every === 0) {
        await new Promise<void>(r => setTimeout(r, 0));
        if (opts.cancelled?.()) return { ok: false, cancelled: true, report };
      }
    }
    return complete(c, opts, report);
  } catch (e) {
    report.refusals.push({
      file: `${sources.length} files`,
      message: `internal error while importing (${e instanceof Error ? e.message : String(e)}); nothing was imported`,
    });
    return { ok: false, report };
  }
}

function complete(c: Collector, opts: ImportOptions, report: ImportReport): ImportResult {
  const finish = (): void => {
    Object.assign(report, c.reportParts());
    report.warnings = c.warnings;
  };
  if (report.refusals.length) {
    finish();
    return { ok: false, report };
  }
  const known = opts.into ? namesOf(opts.into) : builtinNames();
  const name = opts.into?.name ?? opts.name ?? 'Imported model';
  const built = buildModelFile(c, { onConflict: opts.onConflict, known, name });
  report.entities = built.entities;
  report.unresolved = built.unresolved;
  report.conflicts = built.conflicts;
  let file = built.file;
  if (opts.into) file = mergeFiles(toModelFile(opts.into), file, opts.onConflict, report.conflicts);
  finish();
  if (opts.onConflict === 'fail' && report.conflicts.length) return { ok: false, report };

  if (opts.into) {
    const refusals = appsTemplateRefusals(opts.into, file, built.origin);
    if (refusals.length) {
      report.refusals.push(...refusals);
      return { ok: false, report };
    }
  }
  // The built file must be a valid model file: `-o` writes it and loadModel must read it back.
  const schema = ModelFileSchema.safeParse(file);
  if (!schema.success) {
    for (const issue of schema.error.issues.slice(0, 20))
      report.refusals.push({
        file: originOf(built.origin, issue.path),
        message: `the imported model is not valid at ${formatPath(issue.path as (string | number)[])}: ${issue.message}`,
      });
    return { ok: false, report };
  }
  const compiled = compileModel(file, name);
  if (compiled.errors.length) {
    for (const e of compiled.errors.slice(0, 50))
      report.refusals.push({
        file: originOf(built.origin, e.path),
        message: `${formatPath(e.path)}: ${e.message}`,
      });
    return { ok: false, report };
  }
  // The apps layer (equipment Things, context-manager grants) as loadModel applies it; when
  // merging into a project it re-creates the project's equipment.
  const materialized = materializeApps(compiled.model);
  if (!materialized.ok) {
    for (const e of materialized.errors.slice(0, 50))
      report.refusals.push({ file: 'the open project', message: `${e.path}: ${e.message}` });
    return { ok: false, report };
  }
  for (const w of compiled.warnings)
    report.warnings.push({
      ...splitLoc(built.origin, w.path),
      message: `${formatPath(w.path)}: ${w.message}`,
    });
  return { ok: true, model: materialized.model, file, report };
}

/**
 * Templates of the project's Apps layer: built in to the project but not to every model (the
 * equipment templates materializeApps makes from `apps:`, shared/apps/materialize.ts).
 */
function appsTemplates(into: Model): Set<string> {
  const everyModel = builtinNames().templates;
  return new Set(
    Object.entries(into.templates)
      .filter(([n, t]) => t.builtin && !everyModel.has(n))
      .map(([n]) => n),
  );
}

/**
 * An imported template that derives from an Apps-layer template, or a Thing of one, cannot be
 * merged: the model file declares its own templates without the Apps layer (compile.ts checks a
 * base before materializeApps adds them), and whether ThingWorx Apps treats a Thing of a derived
 * template as equipment is not described (docs/import.md "Apps-layer templates").
 */
function appsTemplateRefusals(
  into: Model,
  file: ModelFile,
  origin: Map<string, { file: string; line: number }>,
): ImportReport['refusals'] {
  const apps = appsTemplates(into);
  if (!apps.size) return [];
  const out: ImportReport['refusals'] = [];
  const where = (section: string, name: string) => {
    const loc = origin.get(`${section}\u0000${name}`);
    return loc ? { file: loc.file, line: loc.line } : { file: 'the imported files' };
  };
  const advice = (what: string, tpl: string) =>
    `${what} '${tpl}', a template of the project's ThingWorx Apps layer; PermSim makes those templates from the project's apps: section and a model cannot derive its own templates or Things from them. Import into a new project instead (there '${tpl}' is kept as an unresolved template), or give it another base in the files (docs/import.md "Apps-layer templates")`;
  for (const [n, t] of Object.entries(file.templates ?? {}))
    if (t.base !== undefined && apps.has(t.base) && !apps.has(n))
      out.push({ ...where('templates', n), message: advice(`template ${n} derives from`, t.base) });
  for (const [n, t] of Object.entries(file.things ?? {}))
    if (t.template !== undefined && apps.has(t.template))
      out.push({ ...where('things', n), message: advice(`Thing ${n} uses`, t.template) });
  return out;
}

function splitLoc(
  origin: Map<string, { file: string; line: number }>,
  path: readonly PropertyKey[],
): { file: string; line: number } {
  const [section, name] = path;
  const loc =
    typeof section === 'string' && typeof name === 'string'
      ? origin.get(`${section}\u0000${name}`)
      : undefined;
  return loc ?? { file: 'the imported files', line: 0 };
}

function originOf(
  origin: Map<string, { file: string; line: number }>,
  path: readonly PropertyKey[],
): string {
  const [section, name] = path;
  const loc =
    typeof section === 'string' && typeof name === 'string'
      ? origin.get(`${section}\u0000${name}`)
      : undefined;
  return loc ? locText(loc) : 'the imported files';
}
