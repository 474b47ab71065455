/**
 * Loads a model file (YAML or JSON text) into a validated, normalized `Model`: parse (parse.ts),
 * structural validation against the zod schema (file-format.ts), compile with built-ins and semantic
 * checks (compile.ts, builtins.ts), then the apps layer (`materializeApps`). Every issue points at
 * file:line:column of the offending node. Never throws.
 *
 * @example
 * const r = loadModel('permsim: 1\nusers: { alice: {} }\n', 'demo.yaml');
 * if (r.ok) r.model.users['alice']?.groups; // ['Users']
 * else r.errors.map(e => `${e.file}:${e.line}:${e.column} ${e.message}`);
 */
import type { z } from 'zod';
import type { Model } from '../model/types';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import { FORMAT_VERSION, ModelFileSchema } from '../model/file-format';
import type { ModelFile } from '../model/file-format';
import { safeParseModelFile } from '../model/schema-check';
import type { DocPositions, ModelIssue } from '../model/parse';
import { formatPath, locate, parseModelText, splitPath } from '../model/parse';
import type { CompileIssue, IssuePath } from '../model/compile';
import { compileModel, modelNameFromFile } from '../model/compile';
import { didYouMean, suggestionSuffix } from '../model/suggest';
import { materializeApps } from './materialize';
import { PROTO_STAND_IN, hideProtoKeys, own, restoreProtoKeys, setOwn } from '../model/own';

export type { ModelIssue } from '../model/parse';
export type LoadResult =
  { ok: true; model: Model; warnings: ModelIssue[] } | { ok: false; errors: ModelIssue[] };

/**
 * Loads a model file. JSON is recognised by a `.json` file name or a leading `{`.
 *
 * @example
 * loadModel('permsim: 1\nuserz: {}\n', 'm.yaml');
 * // { ok: false, errors: [{ file: 'm.yaml', line: 2, column: 1, path: 'userz', message: "unknown top-level key 'userz'; did you mean 'users'?" }] }
 */
export function loadModel(text: string, fileName: string): LoadResult {
  try {
    return loadUnsafe(text, fileName);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          path: '',
          message: `internal error while loading the model: ${message}`,
        },
      ],
    };
  }
}

function loadUnsafe(text: string, fileName: string): LoadResult {
  if (typeof text !== 'string')
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          path: '',
          message: 'expected the text of a model file',
        },
      ],
    };
  const parsed = parseModelText(text, fileName);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const located = (issues: CompileIssue[]) =>
    issues.map(i => toModelIssue(parsed.positions(), fileName, i));

  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          path: '',
          message: "a model file is a mapping that starts with 'permsim: 1'",
        },
      ],
    };
  }
  // Only a text that names `__proto__` can hold the key; the walks of the whole value are skipped otherwise.
  const protoKeys = text.includes('__proto__');
  const input = protoKeys ? hideProtoKeys(parsed.value) : parsed.value;
  const checked = safeParseModelFile(input);
  if (!checked.success) {
    const issues = checked.error.issues.flatMap(i =>
      describeZodIssue(restoreIssueKeys(i), [], parsed.value),
    );
    // Every problem in one pass: the parts with shape problems are taken out and the rest is
    // compiled, so undeclared names and the like are reported with the shape problems.
    const rest = withoutInvalidParts(input, checked.error.issues);
    const semantic = rest
      ? compileModel(
          protoKeys ? restoreProtoKeys(rest.file) : rest.file,
          modelNameFromFile(fileName),
        ).errors.filter(e => !rest.pruned.some(p => startsWith(e.path, p)))
      : [];
    return { ok: false, errors: sortIssues(dedupe(located([...issues, ...semantic]))) };
  }
  const file: ModelFile = protoKeys ? restoreProtoKeys(checked.data) : checked.data;
  const compiled = compileModel(file, modelNameFromFile(fileName));
  if (compiled.errors.length > 0)
    return { ok: false, errors: sortIssues(located(compiled.errors)) };

  // The compiled model is this call's own: the apps layer may extend it in place.
  const materialized = materializeApps(compiled.model, { owned: true });
  if (!materialized.ok) {
    return {
      ok: false,
      errors: sortIssues(
        materialized.errors.map(e =>
          toModelIssue(parsed.positions(), fileName, {
            path: fileEquipmentPath(compiled.model, splitPath(e.path)),
            message: e.message,
          }),
        ),
      ),
    };
  }
  const model = materialized.model;
  if (model.requests.length > 0) {
    const positions = parsed.positions();
    model.requests = model.requests.map((r, i) => ({
      ...r,
      line: locate(positions, ['requests', i]).line,
    }));
  }
  return { ok: true, model, warnings: sortIssues(located(compiled.warnings)) };
}

/** Top-level keys whose entries are named elements (`users.alice`): an invalid one is kept, empty. */
const NAMED_ENTRIES = new Set([
  'users',
  'groups',
  'organizations',
  'shapes',
  'templates',
  'things',
  'resources',
  'subsystems',
  'mashups',
  'dataShapes',
  'appKeys',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const startsWith = (path: IssuePath, prefix: readonly PropertyKey[]) =>
  prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);

/**
 * The file value without the parts that zod refused, for the semantic checks to run on the rest;
 * undefined when that cannot be had in a few rounds. `pruned` are the file paths taken out (the
 * compiler's issues under them are about values already reported). A part is taken out whole up
 * to the first list on its path (so the indexes of the remaining list items stay those of the file,
 * and issues keep their line), and a named element (`users.alice`) is emptied rather than removed
 * (so references to it are not reported as undeclared). Works on a structured copy: the parsed
 * value stays as read.
 */
function withoutInvalidParts(
  input: unknown,
  firstIssues: readonly z.core.$ZodIssue[],
): { file: ModelFile; pruned: PropertyKey[][] } | undefined {
  const root: unknown = structuredClone(input);
  if (!isRecord(root)) return undefined;
  const pruned: PropertyKey[][] = [];
  let issues = firstIssues;
  for (let round = 0; round < 4; round++) {
    for (const issue of issues) {
      if (issue.code === 'unrecognized_keys') {
        const at = valueAt(root, issue.path);
        if (isRecord(at))
          for (const k of issue.keys) {
            Reflect.deleteProperty(at, k);
            pruned.push([...issue.path, k]);
          }
        continue;
      }
      let target: PropertyKey[] = [...issue.path];
      // A missing key: its mapping is what is wrong.
      if (valueAt(root, target) === undefined) target = target.slice(0, -1);
      const firstIndex = target.findIndex(seg => typeof seg === 'number');
      if (firstIndex !== -1) target = target.slice(0, firstIndex);
      if (target.length === 0) {
        // Only the format version can be wrong at the top: it is reported, and set for the rest.
        if (issue.path[0] !== 'permsim') return undefined;
        root.permsim = FORMAT_VERSION;
        continue;
      }
      const parent = valueAt(root, target.slice(0, -1));
      const key = String(target[target.length - 1]);
      if (!isRecord(parent)) continue;
      const named = target.length === 2 && NAMED_ENTRIES.has(String(target[0]));
      if (named && round === 0) setOwn(parent, key, {});
      else Reflect.deleteProperty(parent, key);
      pruned.push(target);
    }
    const again = ModelFileSchema.safeParse(root);
    if (again.success) return { file: again.data, pruned: pruned.map(p => p.map(restoreKey)) };
    issues = again.error.issues;
  }
  return undefined;
}

const restoreKey = (k: PropertyKey) => (k === PROTO_STAND_IN ? '__proto__' : k);

/** A zod issue on the stand-in key of `hideProtoKeys` speaks of `__proto__` again. */
function restoreIssueKeys(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const back = (k: PropertyKey) => (k === PROTO_STAND_IN ? '__proto__' : k);
  const path = issue.path.map(back);
  if (issue.code === 'unrecognized_keys')
    return { ...issue, path, keys: issue.keys.map(k => String(back(k))) };
  if (issue.code === 'invalid_union')
    return {
      ...issue,
      path,
      errors: issue.errors.map(b => b.map(restoreIssueKeys)),
    } as z.core.$ZodIssue;
  return { ...issue, path } as z.core.$ZodIssue;
}

/**
 * The apps layer names equipment flatly (`apps.contexts.C.equipment.Press1`); in the file it is nested
 * under its ancestors' `children`, so map the path to the node where it is written.
 */
function fileEquipmentPath(model: Model, path: IssuePath): IssuePath {
  const [a, b, context, e, node, ...rest] = path;
  if (
    a !== 'apps' ||
    b !== 'contexts' ||
    e !== 'equipment' ||
    typeof context !== 'string' ||
    typeof node !== 'string'
  )
    return path;
  const ctx = own(model.apps.contexts, context);
  if (!ctx || !own(ctx.equipment, node)) return path;
  const chain: string[] = [];
  for (
    let n: string | null = node;
    n !== null && chain.length < 1000;
    n = own(ctx.equipment, n)?.parent ?? null
  )
    chain.unshift(n);
  const nested: IssuePath = ['apps', 'contexts', context, 'equipment'];
  chain.forEach((n, i) => nested.push(...(i === 0 ? [n] : ['children', n])));
  return [...nested, ...rest];
}

function toModelIssue(parsed: DocPositions, fileName: string, issue: CompileIssue): ModelIssue {
  const { line, column } = locate(parsed, issue.path, issue.atKey ?? false);
  return { file: fileName, line, column, path: formatPath(issue.path), message: issue.message };
}

const sortIssues = (issues: ModelIssue[]) =>
  [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
const dedupe = (issues: ModelIssue[]) => {
  const seen = new Set<string>();
  return issues.filter(i => {
    const k = `${i.line}:${i.column}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = own(v as Record<PropertyKey, unknown>, seg as string);
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Set) return 'a YAML set (!!set); write a list instead';
  if (v instanceof Map) return 'a mapping with keys that are not plain text';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text '${v}'`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text value',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

const isDefaultMessage = (m: string) => /^(Invalid|Unrecognized|Too (small|big)|Expected)/.test(m);

/**
 * Turns one zod issue into file-level issues with friendly messages. `prefix` is the path of the
 * union member being described.
 */
function describeZodIssue(
  issue: z.core.$ZodIssue,
  prefix: PropertyKey[],
  root: unknown,
): CompileIssue[] {
  const path = [...prefix, ...issue.path] as IssuePath;
  const value = valueAt(root, path);
  if (
    value === undefined &&
    path.length > 0 &&
    (issue.code === 'invalid_type' ||
      issue.code === 'invalid_value' ||
      issue.code === 'invalid_union')
  ) {
    const key = path[path.length - 1];
    if (path.length === 1 && key === 'permsim')
      return [
        { path: [], message: "missing 'permsim: 1' (the format version) at the top of the file" },
      ];
    const expected = issue.code === 'invalid_type' ? expectedWord(issue.expected) : '';
    return [
      { path: path.slice(0, -1), message: `missing required key '${String(key)}'${expected}` },
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      return issue.keys.map(k => ({
        path: [...path, k],
        atKey: true,
        message: `unknown ${path.length === 0 ? 'top-level ' : ''}key '${k}'${elsewhere(k, path) || (known.length ? suggestionSuffix(k, known) || `; expected one of: ${known.join(', ')}` : '')}`,
      }));
    }
    case 'invalid_union': {
      if (!isDefaultMessage(issue.message)) return [{ path, message: issue.message }];
      // The branch whose issues sit deepest is the one whose shape matched (e.g. a list of kinds
      // with one misspelt kind), so its issues are the precise ones.
      const branches = issue.errors.filter(
        b => !b.every(e => e.code === 'invalid_type' && e.path.length === 0),
      );
      if (branches.length > 0) {
        const depth = (b: z.core.$ZodIssue[]) => Math.max(...b.map(e => e.path.length));
        const best = branches.reduce((a, b) =>
          depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a,
        );
        return best.flatMap(e => describeZodIssue(e, path, root));
      }
      const expected = issue.errors
        .flatMap(b =>
          b.map(e =>
            e.code === 'invalid_type' ? (own(TYPE_WORDS, e.expected) ?? e.expected) : undefined,
          ),
        )
        .filter(Boolean);
      return [
        {
          path,
          message: `expected ${[...new Set(expected)].join(' or ')}, got ${describeValue(value)}`,
        },
      ];
    }
    case 'invalid_value': {
      if (!isDefaultMessage(issue.message)) return [{ path, message: issue.message }];
      const options = issue.values.map(String);
      const received = String(value);
      const family = sameSet(options, RUNTIME_KINDS)
        ? 'run-time permission kind'
        : sameSet(options, DESIGN_KINDS)
          ? 'design-time permission kind'
          : undefined;
      if (value !== null && typeof value === 'object')
        return [
          {
            path,
            message: `expected ${family ? `a ${family} (${options.join(', ')})` : `one of: ${options.join(', ')}`}, got ${describeValue(value)}`,
          },
        ];
      let message = family ? `'${received}' is not a ${family}` : `unknown value '${received}'`;
      const other =
        family === 'run-time permission kind'
          ? DESIGN_KINDS
          : family === 'design-time permission kind'
            ? RUNTIME_KINDS
            : undefined;
      if (other && (other as readonly string[]).includes(received)) {
        message += ` ('${received}' is a ${family?.startsWith('run') ? 'design-time' : 'run-time'} kind); expected one of: ${options.join(', ')}`;
      } else {
        const s = didYouMean(received, options);
        message += s ? `; did you mean '${s}'?` : `; expected one of: ${options.join(', ')}`;
      }
      return [{ path, message }];
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        return [
          {
            path: path.slice(0, -1),
            message: `missing required key '${String(key)}'${expectedWord(issue.expected)}`,
          },
        ];
      }
      return [
        {
          path,
          message: `expected ${own(TYPE_WORDS, issue.expected) ?? issue.expected}, got ${describeValue(value)}`,
        },
      ];
    }
    case 'too_small':
      if (!isDefaultMessage(issue.message)) return [{ path, message: issue.message }];
      return [
        {
          path,
          message:
            issue.origin === 'array'
              ? `expected at least ${String(issue.minimum)} item(s)`
              : `expected at least ${String(issue.minimum)} character(s)`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Places where a key is known, in file words (`factory`, `users.<name>`), for "it belongs under". */
const KEY_PLACES: [(string | number)[], string][] = [
  [[], 'the top level'],
  [['semantics'], 'semantics'],
  [['factory'], 'factory'],
  [['users', '*'], 'users.<name>'],
  [['groups', '*'], 'groups.<name>'],
  [['organizations', '*'], 'organizations.<name>'],
  [['organizations', '*', 'units', '*'], 'organizations.<name>.units.<unit>'],
  [['shapes', '*'], 'shapes.<name>'],
  [['templates', '*'], 'templates.<name>'],
  [['things', '*'], 'things.<name>'],
  [['resources', '*'], 'resources.<name>'],
  [['things', '*', 'permissions'], '<entity>.permissions'],
  [['appKeys', '*'], 'appKeys.<name>'],
  [['apps'], 'apps'],
  [['requests', 0], 'a saved request (requests)'],
];
let keyHomes: Map<string, string[]> | undefined;

/** "; it belongs under factory" when the unknown key is a known key of another place. */
function elsewhere(key: string, path: readonly PropertyKey[]): string {
  if (!keyHomes) {
    keyHomes = new Map();
    for (const [at, words] of KEY_PLACES)
      for (const k of knownKeysAt(at)) keyHomes.set(k, [...(keyHomes.get(k) ?? []), words]);
  }
  const here = knownKeysAt(path.filter((p): p is string | number => typeof p !== 'symbol'));
  if (here.includes(key)) return '';
  const homes = keyHomes.get(key);
  return homes ? `; '${key}' belongs under ${homes.join(' or ')}` : '';
}

const expectedWord = (t: string) => (own(TYPE_WORDS, t) ? ` (${own(TYPE_WORDS, t)})` : '');
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every(x => b.includes(x));

type SchemaDef = {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  getter?: () => unknown;
  in?: unknown;
};
const defOf = (s: unknown): SchemaDef | undefined =>
  (s as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** Keys allowed by the schema at `path` (for "did you mean" on unknown keys). */
export function knownKeysAt(path: readonly (string | number)[]): string[] {
  let schema: unknown = ModelFileSchema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 20; i++) {
      const d = defOf(s);
      if (!d) return s;
      if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') s = d.innerType;
      else if (d.type === 'lazy' && d.getter) s = d.getter();
      else if (d.type === 'pipe') s = d.in;
      else return s;
    }
    return s;
  };
  for (const seg of path) {
    schema = unwrap(schema);
    const d = defOf(schema);
    if (!d) return [];
    if (d.type === 'object' && d.shape) schema = own(d.shape, String(seg));
    else if (d.type === 'record') schema = d.valueType;
    else if (d.type === 'array') schema = d.element;
    else if (d.type === 'union')
      schema = d.options?.find(
        o => defOf(unwrap(o))?.type === (typeof seg === 'number' ? 'array' : 'object'),
      );
    else return [];
  }
  schema = unwrap(schema);
  let d = defOf(schema);
  if (d?.type === 'union')
    d = defOf(unwrap(d.options?.find(o => defOf(unwrap(o))?.type === 'object')));
  return d?.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}
