/**
 * The bit-parallel matrix engine (shared/engine/matrix) against cell-by-cell answers: every cell
 * of the full matrix (users x Things x the five run-time kinds), decoded from its bit rows, is the
 * status the effective permission table's `*` row gives (the pipeline's decision with its
 * explanation, domain reference §9.1-9.6: 401 for a user who cannot log in, the Administrators and
 * owner bypasses of §9.3, 404 for an invisible Thing §9.5, the check §9.6 under the model's
 * precedence, `denialStatus` §11.1, UNKNOWN on a disabled Thing §9.4) on random deployments under
 * random semantic options, including element names that are JavaScript object keys; and on a
 * generated benchmark deployment every cell equals the indexed fast path's single check through
 * the decision gate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDecider } from '../../shared/engine/index';
import { createMatrixEngine, ROWS_PER_USER } from '../../shared/engine/matrix';
import type { FullMatrix, MatrixEngine } from '../../shared/engine/matrix';
import { effectiveTable } from '../../shared/engine/queries';
import { codeStatus, matrixWindowByChecks } from '../../shared/graph/matrix';
import { own } from '../../shared/model/own';
import { RUNTIME_KINDS } from '../../shared/model/types';
import type { Model } from '../../shared/model/types';
import { generateModel } from '../../bench/generator';
import { modelArb } from './arbitraries';
import { OBJECT_KEY_NAMES } from './object-key-names';

/** The cell's code read from the materialized bits (as the engine's `code` reads its cached rows). */
function codeAt(e: MatrixEngine, full: FullMatrix, model: Model, u: number, t: number, k: number) {
  const user = own(model.users, e.users[u] as string);
  if (!user || !user.enabled || user.locked) return '1';
  const bit = (row: number) => {
    const off = (u * ROWS_PER_USER + row) * full.wordsPerRow;
    return ((full.words[off + (t >>> 5)] as number) & (1 << (t & 31))) !== 0;
  };
  if (bit(k)) return own(model.things, e.things[t] as string)?.enabled === false ? 'u' : '2';
  if (bit(ROWS_PER_USER - 1)) return model.semantics.denialStatus === 401 ? '1' : '3';
  return '4';
}

/** Renames pool names of arbitraries.ts to object-key names (as object-key-names.test.ts does). */
function renamed(model: Model, names: readonly string[]): Model {
  const pool = ['u0', 'g0', 'X0', 'T0', 'S0', 'p0'];
  const map = new Map(names.map((n, i) => [pool[i] as string, n]));
  const pattern = new RegExp(`\\b(${[...map.keys()].join('|')})\\b`, 'g');
  return JSON.parse(JSON.stringify(model).replace(pattern, m => map.get(m) ?? m)) as Model;
}

const caseArb = fc.record({
  model: modelArb,
  disabled: fc.constantFrom(undefined, 'X0', 'X2'),
  names: fc.option(fc.shuffledSubarray([...OBJECT_KEY_NAMES], { minLength: 6, maxLength: 6 }), {
    nil: undefined,
  }),
});

describe('the matrix engine equals the cell-by-cell decision', () => {
  it('every cell of the full matrix is the status of the effective table `*` row (§9.1-9.6)', () => {
    let cells = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(caseArb, ({ model: m, disabled, names }) => {
        let model = m;
        const t = disabled === undefined ? undefined : own(model.things, disabled);
        if (disabled && t)
          model = { ...model, things: { ...model.things, [disabled]: { ...t, enabled: false } } };
        if (names) model = renamed(model, names);
        const e = createMatrixEngine(model);
        const full = e.materialize();
        // Materializing again into the same buffer gives the same bits (the benchmark's warm run).
        const again = e.materialize({ ...full, words: full.words.slice() });
        expect(again.words).toEqual(full.words);
        // The whole window, as the view cuts it, reads the same cells (class rows and visibility
        // rows of the build, bypasses per cell) in row-major (user, Thing, kind) order.
        const all = (n: number) => Array.from({ length: n }, (_, i) => i);
        const win = e.window(all(e.users.length), all(e.things.length), all(RUNTIME_KINDS.length));
        let expected = '';
        for (let u = 0; u < e.users.length; u++)
          for (let ti = 0; ti < e.things.length; ti++)
            for (let k = 0; k < RUNTIME_KINDS.length; k++)
              expected += codeAt(e, full, model, u, ti, k);
        expect(win.cells).toBe(expected);
        // The window answered by single checks, what the server serves while the engine of a large
        // model is still being built, is the same window, overrides included.
        expect(matrixWindowByChecks(model, e.users, e.things, RUNTIME_KINDS)).toEqual(win);
        for (let u = 0; u < e.users.length; u++)
          for (let ti = 0; ti < e.things.length; ti++) {
            const user = e.users[u] as string;
            const thing = e.things[ti] as string;
            const rows = effectiveTable(model, user, { collection: 'Things', name: thing });
            for (let k = 0; k < RUNTIME_KINDS.length; k++) {
              const kind = RUNTIME_KINDS[k] as string;
              const code = codeAt(e, full, model, u, ti, k);
              // The rows cut for the view read the same bits.
              expect(e.code(u, ti, k)).toBe(code);
              const star = rows.find(r => r.characteristic === '*' && r.kind === kind);
              const want = star ? star.status : 401;
              const got = code === 'u' ? 200 : codeStatus(code);
              expect({ user, thing, kind, status: got }).toEqual({
                user,
                thing,
                kind,
                status: want,
              });
              seen.add(code);
              cells++;
            }
          }
      }),
      { numRuns: 40 },
    );
    expect(cells).toBeGreaterThan(1000);
    // Not vacuous: allowed, denied, invisible and not-logged-in cells all occurred.
    for (const c of ['1', '2', '3', '4']) expect(seen).toContain(c);
  });

  it('a generated deployment: every cell equals the fast path single check through the gate', () => {
    const model = generateModel('S', 7);
    const e = createMatrixEngine(model);
    const full = e.materialize();
    const decider = getDecider(model);
    let mismatches = 0;
    let compared = 0;
    for (let u = 0; u < e.users.length; u++) {
      const user = e.users[u] as string;
      const record = own(model.users, user);
      const loggedIn = record !== undefined && record.enabled && !record.locked;
      for (let t = 0; t < e.things.length; t++) {
        const target = { collection: 'Things', name: e.things[t] as string };
        for (let k = 0; k < RUNTIME_KINDS.length; k++) {
          const kind = RUNTIME_KINDS[k] as (typeof RUNTIME_KINDS)[number];
          const access = loggedIn ? decider.check(user, target, { kind, resource: '*' }) : 'login';
          const want =
            access === 'login' ? '1' : access === 'allowed' ? '2' : access === 'denied' ? '3' : '4';
          if (codeAt(e, full, model, u, t, k) !== want) mismatches++;
          compared++;
        }
      }
    }
    expect(compared).toBe(e.users.length * e.things.length * RUNTIME_KINDS.length);
    expect(mismatches).toBe(0);
    // A tile's worth of users over every Thing, by single checks: the same codes and overrides.
    const users = e.users.slice(0, 64);
    const byChecks = matrixWindowByChecks(model, users, e.things, RUNTIME_KINDS);
    const byEngine = e.window(
      users.map((_, u) => u),
      e.things.map((_, t) => t),
      RUNTIME_KINDS.map((_, k) => k),
    );
    expect(byChecks).toEqual(byEngine);
    expect(byEngine.overrides.length).toBeGreaterThan(0);
  });
});
