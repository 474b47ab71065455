/**
 * Fixtures for the platform conformance cases (domain reference §10.1-10.16): Baseline B from
 * models/baseline-b.yaml, small patches in the §10 notation, loaded through the real `loadModel`,
 * and a one-line way to ask a REST call.
 *
 * @example
 * const m = modelB((f) => addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'));
 * ask(m, decider, 'bob', 'GET /Thingworx/Things/SensorDataStream/Properties/temperature').status; // 200
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { Decider } from '../../shared/engine/decider';
import type { Credentials, Decision } from '../../shared/model/decision';
import { evaluate } from '../../shared/engine/evaluate';
import type { EvaluateOptions } from '../../shared/engine/evaluate';
import { loadModel } from '../../shared/apps/load';
import type { Model } from '../../shared/model/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the YAML file tree is untyped on purpose
export type FileTree = Record<string, any>;

const baselineText = readFileSync(join(import.meta.dirname, 'models', 'baseline-b.yaml'), 'utf8');

export function loadYaml(text: string, fileName: string): Model {
  const r = loadModel(text, fileName);
  if (!r.ok)
    throw new Error(
      `${fileName} does not load: ${r.errors.map(e => `${e.line}:${e.column} ${e.message}`).join('; ')}`,
    );
  return r.model;
}

/** Baseline B with patches applied to the file tree, then loaded as a YAML file. */
export function modelB(...patches: ((f: FileTree) => void)[]): Model {
  const tree = YAML.parse(baselineText) as FileTree;
  for (const p of patches) p(tree);
  return loadYaml(YAML.stringify(tree), 'baseline-b.yaml');
}

function child(obj: FileTree, ...keys: string[]): FileTree {
  let o = obj;
  for (const k of keys) {
    o[k] ??= {};
    o = o[k];
  }
  return o;
}

function list(obj: FileTree, key: string): unknown[] {
  obj[key] ??= [];
  return obj[key] as unknown[];
}

/** Where an entry goes, in the §10 notation: `entity:X`, `instance:T`, `template:T`, `collection:Things`. */
export type LevelSpec =
  `entity:${string}` | `instance:${string}` | `template:${string}` | `collection:${string}`;

function setFor(f: FileTree, level: LevelSpec): FileTree {
  const [kind, name] = level.split(':') as [string, string];
  switch (kind) {
    case 'entity':
      return child(f, 'things', name, 'permissions');
    case 'instance':
      return child(f, 'templates', name, 'instance');
    case 'template':
      return child(f, 'templates', name, 'permissions');
    default:
      return child(f, 'collections', name);
  }
}

/** `level · kind · resource · Allow|Deny · principal` (§10 notation). */
export function addRuntime(
  f: FileTree,
  level: LevelSpec,
  effect: 'allow' | 'deny',
  kind: string,
  principal: string,
  resource = '*',
): void {
  list(setFor(f, level), 'runtime').push({ [effect]: kind, principal, resource });
}

export function addUser(f: FileTree, name: string, props: FileTree = {}): void {
  child(f, 'users')[name] = props;
}

export function setSemantics(f: FileTree, values: FileTree): void {
  Object.assign(child(f, 'semantics'), values);
}

export type AskOptions = {
  password?: string;
  appKey?: string;
  via?: 'header' | 'query';
  ip?: string;
  at?: string;
  body?: unknown;
  noAuth?: boolean;
  evaluate?: EvaluateOptions;
};

/** Asks `METHOD PATH` as a user (Basic auth) or with an app key. */
export function ask(
  model: Model,
  decider: Decider,
  as: string | undefined,
  line: string,
  o: AskOptions = {},
): Decision {
  const [method, path] = line.split(' ') as [string, string];
  const credentials: Credentials = o.noAuth
    ? { type: 'none' }
    : o.appKey !== undefined
      ? { type: 'appKey', key: o.appKey, via: o.via ?? 'header' }
      : as !== undefined
        ? { type: 'basic', user: as, ...(o.password !== undefined ? { password: o.password } : {}) }
        : { type: 'none' };
  return evaluate(
    model,
    {
      method,
      path,
      credentials,
      ...(o.ip ? { clientIp: o.ip } : {}),
      ...(o.at ? { at: o.at } : {}),
      ...(o.body !== undefined ? { body: o.body } : {}),
    },
    decider,
    o.evaluate,
  );
}

export const TEMP = 'GET /Thingworx/Things/SensorDataStream/Properties/temperature';
export const PUT_TEMP = 'PUT /Thingworx/Things/SensorDataStream/Properties/temperature';
export const svc = (name: string) => `POST /Thingworx/Things/SensorDataStream/Services/${name}`;
export const denied = (kind: string, resource: string, entity = 'SensorDataStream') =>
  `Not authorized for ${kind} on ${resource} in ${entity}`;
