/**
 * Every contract call, by name: the zod schema of its arguments and of its result. The `Api` type
 * and every name list are derived from this one object, so a call exists exactly when it is here.
 *
 * To add a call: put `'area:action': { args, result }` in the area's `xxxCalls` (one file per
 * area in this folder), then write its handler (main/api); docs/architecture.md "How to add a
 * contract call".
 */
import type { z } from 'zod';
import { appsCalls } from './apps';
import { mergeOnce } from './merge';
import { engineCalls } from './engine';
import { exportCalls } from './export';
import { graphCalls } from './graph';
import { importCalls } from './import';
import { lessonCalls } from './lesson';
import { mockCalls } from './mock';
import { modelCalls } from './model';
import { projectCalls } from './project';
import { reportCalls } from './report';
import { whatifCalls } from './whatif';

export const CALLS = mergeOnce('contract call', [
  projectCalls,
  importCalls,
  modelCalls,
  engineCalls,
  appsCalls,
  graphCalls,
  reportCalls,
  whatifCalls,
  exportCalls,
  mockCalls,
  lessonCalls,
]);

type Calls = typeof CALLS;

/**
 * What each call takes and answers: `args` is what a caller sends, `valid` what the handler
 * receives after validation (the same shape, with e.g. the HTTP method upper-cased), `result`
 * what it answers inside `{ ok: true, value }`.
 */
export type Api = {
  [K in keyof Calls]: {
    args: z.input<Calls[K]['args']>;
    valid: z.output<Calls[K]['args']>;
    result: z.output<Calls[K]['result']>;
  };
};
export type ApiName = keyof Api;
/** What a caller sends. */
export type ApiArgs<K extends ApiName> = Api[K]['args'];
/** What the handler of `K` receives: the arguments after their schema accepted them. */
export type ValidArgs<K extends ApiName> = Api[K]['valid'];
export type ApiResult<K extends ApiName> = Api[K]['result'];

// The same object seen per name: checked key by key, so a generic `K` keeps its own types below.
const BY_NAME: {
  [K in ApiName]: { args: z.ZodType<ValidArgs<K>>; result: z.ZodType<ApiResult<K>> };
} = CALLS;

/** The schema of a call's arguments (main/api/validators.ts turns its issues into one message). */
export const argSchema = <K extends ApiName>(name: K): z.ZodType<ValidArgs<K>> =>
  BY_NAME[name].args;
/** The schema of a call's result (the contract test parses every handler's answer with it). */
export const resultSchema = <K extends ApiName>(name: K): z.ZodType<ApiResult<K>> =>
  BY_NAME[name].result;
