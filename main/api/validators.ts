/**
 * Argument validation of every contract call: `unknown` in, typed arguments or ONE precise message
 * out, e.g.
 * `engine:ask: request.method must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS (got "FETCH")`.
 *
 * The schemas themselves are the contract (shared/contract/, one file per area); this file only
 * turns their issues into words a person reads.
 *
 * @example
 * const r = validateArgs('engine:ask', { request: { method: 'FETCH', path: '/Thingworx/Things', credentials: { type: 'none' } } });
 * r.ok === false && r.error.code === 'invalid-argument';
 */
import type { z } from 'zod';
import type { ApiName, Result, ValidArgs } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { argSchema } from '../../shared/contract/api';
import { own } from '../../shared/model/own';

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
};

const typeName = (expected: string): string =>
  ({
    object: 'an object',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
  })[expected] ?? expected;

const formatPath = (p: readonly PropertyKey[]): string =>
  p.reduce<string>(
    (acc, seg) =>
      typeof seg === 'number'
        ? `${acc}[${seg}]`
        : acc === ''
          ? String(seg)
          : `${acc}.${String(seg)}`,
    '',
  );

type Issue = z.core.$ZodIssue & { input?: unknown };

function describeIssue(issue: Issue): string {
  const where = formatPath(issue.path) || 'the arguments';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.message.startsWith('Invalid input')
        ? typeName(issue.expected)
        : issue.message;
      if (issue.input === undefined) return `${where} is required (${expected})`;
      return `${where} must be ${expected} (got ${show(issue.input)})`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return `${where} must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`} (got ${show(issue.input)})`;
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const input =
          issue.input && typeof issue.input === 'object'
            ? own(issue.input as Record<string, unknown>, disc)
            : undefined;
        const at = issue.path[issue.path.length - 1] === disc ? where : `${where}.${disc}`;
        return `${at} must be one of ${options.join(', ')} (got ${show(input)})`;
      }
      return `${where} must be ${issue.message} (got ${show(issue.input)})`;
    }
    case 'unrecognized_keys':
      return `${where === 'the arguments' ? 'the arguments have' : `${where} has`} unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(k => `"${k}"`).join(', ')}`;
    default:
      return `${where} must be ${issue.message} (got ${show(issue.input)})`;
  }
}

/** Validates the arguments of `name`; invalid input gives `invalid-argument` with every problem listed. */
export function validateArgs<K extends ApiName>(name: K, args: unknown): Result<ValidArgs<K>> {
  const parsed = argSchema(name).safeParse(args === undefined ? {} : args, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const problems = (parsed.error.issues as Issue[]).map(describeIssue);
  return err('invalid-argument', `${name}: ${problems.join('; ')}`, { issues: problems });
}
