/**
 * Reads a project's model rows through a READ-ONLY connection and checks every row against the
 * shape the store writes, before the file is opened for writing: a row that is not JSON, or JSON of
 * the wrong shape (`users.alice = 42`), refuses the file with the table, the key and what was
 * expected, and the file stays as it was. Also checks the history, scenario and meta rows that undo,
 * redo and the what-if workbench read later.
 *
 * @example
 * const r = readCheckedModel(db, schemaVersion);
 * if (!r.ok) console.log(r.error.message); // "table elements, row users/alice: expected an object …"
 */
import { z } from 'zod';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model, SavedRequest } from '../../shared/model/types';
import {
  COLLECTION_NAMES,
  DESIGN_KINDS,
  OTHER_ENTITY_TYPES,
  RUNTIME_KINDS,
} from '../../shared/model/types';
import { setOwn } from '../../shared/model/own';
import { RECORD_SECTIONS, VALUE_SECTIONS } from './model-delta';
import type { RecordSection, ValueSection } from './model-delta';
import { blankModel } from './blank-model';
import type { ReadDb } from './sql';

const str = z.string();
const strings = z.array(str);
const flag = z.boolean().optional();
const principal = z.looseObject({ type: z.enum(['user', 'group']), name: str });
const permissionSet = z.looseObject({
  runtime: z.array(
    z.looseObject({ kind: z.enum(RUNTIME_KINDS), resource: str, principal, allow: z.boolean() }),
  ),
  designtime: z.array(z.looseObject({ kind: z.enum(DESIGN_KINDS), principal, allow: z.boolean() })),
  visibility: z.array(
    z.union([
      z.looseObject({ type: z.literal('org'), org: str }),
      z.looseObject({ type: z.literal('unit'), org: str, unit: str }),
    ]),
  ),
});
const characteristics = { properties: strings, services: strings, events: strings };
const unresolved = z.literal(true).optional();

/** The type of one element of a record section (`users` -> `User`). */
type ElementOf<S extends RecordSection> = Model[S][string];
type ValueSectionRow = Exclude<ValueSection, 'requests'>;

// Each schema is typed with the element it checks, so a row that passes IS that element and the model
// is built without a cast; a schema that drifts from shared/model/types.ts fails the typecheck.
const ELEMENT: { [S in RecordSection]: z.ZodType<ElementOf<S>> } = {
  users: z.looseObject({
    name: str,
    enabled: z.boolean(),
    locked: z.boolean(),
    groups: strings,
    password: str.optional(),
    builtin: flag,
    unresolved,
  }),
  groups: z.looseObject({ name: str, memberOf: strings, builtin: flag, unresolved }),
  organizations: z.looseObject({
    name: str,
    root: str,
    units: z.record(
      str,
      z.looseObject({
        name: str,
        parent: str.nullable(),
        children: strings,
        members: z.array(principal),
      }),
    ),
    builtin: flag,
    unresolved,
  }),
  shapes: z.looseObject({
    ...characteristics,
    name: str,
    permissions: permissionSet,
    instance: z.looseObject({ runtime: permissionSet.shape.runtime }),
    owner: str.optional(),
    builtin: flag,
    unresolved,
  }),
  templates: z.looseObject({
    ...characteristics,
    name: str,
    base: str.nullable(),
    shapes: strings,
    permissions: permissionSet,
    instance: permissionSet,
    owner: str.optional(),
    builtin: flag,
    unresolved,
  }),
  things: z.looseObject({
    ...characteristics,
    name: str,
    template: str,
    shapes: strings,
    owner: str.optional(),
    enabled: z.boolean(),
    permissions: permissionSet,
    builtin: flag,
  }),
  others: z.looseObject({
    ...characteristics,
    name: str,
    collection: z.enum(OTHER_ENTITY_TYPES),
    permissions: permissionSet,
    owner: str.optional(),
    builtin: flag,
  }),
  appKeys: z.looseObject({ name: str, user: str, expires: str.optional(), ipAllowlist: strings }),
};

const VALUE: { [S in ValueSectionRow]: z.ZodType<Model[S]> } = {
  formatVersion: z.literal(1),
  name: str,
  now: str,
  semantics: z.looseObject({
    precedence: z.enum(['level', 'global-deny']),
    adminBypass: z.boolean(),
    ownerBypass: z.boolean(),
    baseTemplateInstance: z.boolean(),
    shapeInstance: z.enum(['after-templates', 'ignore']),
    visibilityDirection: z.enum(['upward', 'downward', 'exact']),
    denialStatus: z.union([z.literal(403), z.literal(401)]),
    rejectAppKeyInUrl: z.boolean(),
  }),
  factory: z.looseObject({ usersInEveryone: z.boolean(), everyoneSeesCollections: z.boolean() }),
  collections: z.partialRecord(z.enum(COLLECTION_NAMES), permissionSet),
  apps: z.looseObject({
    contexts: z.record(
      str,
      z.looseObject({
        name: str,
        displayName: str,
        description: str,
        enabled: z.boolean(),
        network: str,
        roots: strings,
        equipment: z.record(
          str,
          z.looseObject({ name: str, type: str, parent: str.nullable(), children: strings }),
        ),
      }),
    ),
    relationships: z.array(z.looseObject({ parent: str, child: str })),
    grants: z.array(z.looseObject({ service: str, params: z.record(str, z.unknown()) })),
  }),
};

const savedRequest: z.ZodType<SavedRequest> = z.looseObject({ call: str });
const delta = z.looseObject({
  elements: z.array(z.looseObject({ section: z.enum(RECORD_SECTIONS), key: str })),
  order: z.array(
    z.looseObject({ section: z.enum(RECORD_SECTIONS), before: strings, after: strings }),
  ),
  values: z.array(z.looseObject({ section: z.enum(VALUE_SECTIONS) })),
});
const scenario = z.looseObject({ name: str, changes: z.array(z.looseObject({ type: str })) });

/** The first problem zod found, in words: where inside the row, and what was expected. */
function problem(e: z.ZodError): string {
  const i = e.issues[0];
  if (!i) return 'unexpected content';
  const where = i.path.length > 0 ? `${i.path.map(String).join('.')}: ` : '';
  return `${where}${i.message.replace(/^Invalid input: /, '')}`;
}

type At = { table: string; row: string };

/** A row that does not pass: where it is and what was wrong (caught in readCheckedModel). */
class RowRefusal extends Error {
  constructor(
    readonly at: At,
    readonly what: string,
  ) {
    super(what);
  }
}

function parseJson(json: string, at: At): unknown {
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new RowRefusal(at, `not valid JSON (${(e as Error).message})`);
  }
}

/** The row's JSON checked against the schema of what the store writes there. */
function parse<T>(json: string, schema: z.ZodType<T>, at: At): T {
  const r = schema.safeParse(parseJson(json, at));
  if (!r.success) throw new RowRefusal(at, problem(r.error));
  return r.data;
}

/** What a record's key must be for its element: the name (others: `Collection/name`). */
function keyOf(section: RecordSection, v: { name: string; collection?: string }): string {
  return section === 'others' ? `${v.collection ?? ''}/${v.name}` : v.name;
}

/**
 * The model held by the rows, every row checked; `schemaVersion` says which later tables exist
 * (scenarios from 2, their applied delta from 3). The error names table, row and what was expected.
 */
export function readCheckedModel(db: ReadDb, schemaVersion: number): Result<Model> {
  try {
    return ok(read(db, schemaVersion));
  } catch (e) {
    if (!(e instanceof RowRefusal)) throw e;
    return err(
      'file-corrupt',
      `table ${e.at.table}, row ${e.at.row}: ${e.what}. The file was not changed.`,
      { table: e.at.table, row: e.at.row },
    );
  }
}

type Values = Pick<Model, ValueSectionRow>;
type Records = { [S in RecordSection]: Record<string, ElementOf<S>> };

function isOneOf<S extends string>(list: readonly S[], s: string): s is S {
  return (list as readonly string[]).includes(s);
}

function readValue<S extends ValueSectionRow>(values: Values, section: S, json: string): void {
  values[section] = parse(json, VALUE[section], { table: 'model_values', row: section });
}

function readElement<S extends RecordSection>(
  records: Records,
  section: S,
  key: string,
  json: string,
): void {
  const at = { table: 'elements', row: `${section}/${key}` };
  const value = parse(json, ELEMENT[section], at);
  if (keyOf(section, value) !== key)
    throw new RowRefusal(at, `the element's name gives another key: '${keyOf(section, value)}'`);
  setOwn(records[section], key, value);
}

function read(db: ReadDb, schemaVersion: number): Model {
  // The rows are read into a blank model: its values, and an empty record per record section.
  const model = blankModel();
  for (const row of db.prepare('SELECT section, json FROM model_values').all() as {
    section: string;
    json: string;
  }[]) {
    if (!isOneOf(VALUE_SECTIONS, row.section) || row.section === 'requests')
      throw new RowRefusal(
        { table: 'model_values', row: row.section },
        `unknown section (expected one of ${VALUE_SECTIONS.join(', ')})`,
      );
    readValue(model, row.section, row.json);
  }
  for (const row of db
    .prepare('SELECT section, key, json FROM elements ORDER BY section, ord')
    .all() as { section: string; key: string; json: string }[]) {
    if (!isOneOf(RECORD_SECTIONS, row.section))
      throw new RowRefusal(
        { table: 'elements', row: `${row.section}/${row.key}` },
        `unknown section (expected one of ${RECORD_SECTIONS.join(', ')})`,
      );
    readElement(model, row.section, row.key, row.json);
  }
  model.requests = (
    db.prepare('SELECT ord, json FROM saved_requests ORDER BY ord').all() as {
      ord: number;
      json: string;
    }[]
  ).map(r => parse(r.json, savedRequest, { table: 'saved_requests', row: String(r.ord) }));

  for (const r of db.prepare('SELECT seq, edit, delta FROM revisions').all() as {
    seq: number;
    edit: string;
    delta: string;
  }[]) {
    const at = { table: 'revisions', row: String(r.seq) };
    parseJson(r.edit, at);
    parse(r.delta, delta, at);
  }
  for (const key of ['revision', 'head']) {
    const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
    if (v !== undefined && !/^\d+$/.test(String(v)))
      throw new RowRefusal({ table: 'meta', row: key }, 'expected a whole number');
  }
  if (schemaVersion >= 2) {
    const cols = schemaVersion >= 3 ? 'id, json, applied_delta' : 'id, json, NULL AS applied_delta';
    for (const r of db.prepare(`SELECT ${cols} FROM scenarios`).all() as {
      id: number;
      json: string;
      applied_delta: string | null;
    }[]) {
      const at = { table: 'scenarios', row: String(r.id) };
      parse(r.json, scenario, at);
      if (r.applied_delta !== null) parse(r.applied_delta, delta, at);
    }
  }
  return model;
}
