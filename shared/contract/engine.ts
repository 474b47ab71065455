/**
 * `engine:*`: one REST call decided and explained (§9), call completion for the Ask view, and the
 * effective permission table of one user on one entity (§9.6).
 */
import { z } from 'zod';
import type { Decision } from '../model/decision';
import type { EffectiveRow } from '../engine/queries';
import { HTTP_METHODS } from '../rest/methods';
import { calls, name, owned } from './common';

const method = z.preprocess(
  v => (typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(HTTP_METHODS),
);

const credentials = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('basic'),
    user: name,
    password: z.string({ error: 'a string' }).optional(),
  }),
  z.strictObject({ type: z.literal('appKey'), key: name, via: z.enum(['header', 'query']) }),
]);

const clientIp = z.union([z.ipv4(), z.ipv6()], {
  error: 'an IPv4 or IPv6 address such as 10.1.2.3',
});
const isoTime = z.iso.datetime({
  offset: true,
  error: 'an ISO-8601 date-time with a zone, such as 2026-01-01T00:00:00Z',
});
const restPath = z
  .string({ error: 'a REST path (string)' })
  .min(1, { error: 'a REST path such as /Thingworx/Things/T1/Properties/p' })
  .refine(p => p.startsWith('/') || /^https?:\/\//i.test(p), {
    error: 'a REST path starting with /Thingworx/',
  });

/** One REST call with its caller (the Ask view's form, `permsim check`). */
export const restRequestSchema = z.strictObject({
  method,
  path: restPath,
  body: z.unknown().optional(),
  clientIp: clientIp.optional(),
  at: isoTime.optional(),
  credentials,
});

export const engineCalls = calls({
  /** The decision of one REST call, with its explanation (§9). */
  'engine:ask': {
    args: z.strictObject({ request: restRequestSchema }),
    result: owned<Decision>('a decision'),
  },
  /** Completions of the call typed so far in the Ask view. */
  'engine:suggest-calls': {
    args: z.strictObject({ text: z.string({ error: 'the call text typed so far' }) }),
    result: z.array(z.string()),
  },
  /** Every characteristic x kind of one entity for one user: the effective answer and why (§9.6). */
  'engine:effective-table': {
    args: z.strictObject({ user: name, collection: name, entity: name }),
    result: z.array(owned<EffectiveRow>('an effective permission row')),
  },
});
