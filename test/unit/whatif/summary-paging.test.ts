/**
 * A large what-if read page by page (docs/whatif.md "Large diffs"): `whatif:summary` answers the
 * totals and the first page without listing every changed cell, later pages and filters list as
 * far as they need, every page equals the same page of the complete summary, and `whatif:cancel`
 * stops a listing in progress (the cells listed so far are kept for the next page). Counts first:
 * `whatif:summary` with no cells answers without listing any, `whatif:cells` gives later pages alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModel } from '../../../bench/generator';
import { createHandlers, projectSession } from '../../../main/api';
import { openProject } from '../../../main/store';
import type { Model } from '../../../shared/model/types';
import {
  pageOf,
  pagedSummary,
  summarizeScenario,
  summarizeScenarioLazily,
} from '../../../shared/whatif';
import type { Scenario } from '../../../shared/whatif';

// The typical change of docs/benchmarks.md at size S, seed 42 (as test/e2e/web/whatif-large.spec.ts):
// members of Grp0004 gain EventInvoke on the Things of Tpl0001, thousands of changed cells.
const grant: Scenario = {
  name: 'Grant events',
  changes: [
    {
      type: 'add-entry',
      target: { level: 'instance', template: 'Tpl0001' },
      entry: {
        family: 'runtime',
        kind: 'EventInvoke',
        resource: '*',
        principal: { type: 'group', name: 'Grp0004' },
        allow: true,
      },
    },
  ],
};

let dir: string;
let model: Model;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-paging-'));
  model = generateModel('S', 42);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const api = (name: string) => {
  const store = openProject(join(dir, name), { create: true, model });
  if (!store.ok) throw new Error(store.error.message);
  return createHandlers({ session: projectSession(store.value) });
};

describe('what-if paging', () => {
  it('lists only as many changed cells as the page needs; every page equals that of the complete summary', () => {
    const all = summarizeScenario(model, grant);
    const lazy = summarizeScenarioLazily(model, grant);
    if (!all.ok || !lazy.ok) throw new Error('the grant applies');
    const total = all.value.counts.total;
    expect(total).toBeGreaterThan(1000);
    const p = pagedSummary(lazy.value);
    expect(p.ready({}, 0, 200)).toBe(false);
    while (!p.ready({}, 0, 200)) p.grow(50);
    expect(p.listed()).toBe(200);
    expect(p.complete()).toBe(false);
    const first = p.page({}, 0, 200);
    expect(first).toEqual(pageOf(all.value, {}, 0, 200));
    expect(first.matching).toBe(total);
    // A filter needs every cell.
    expect(p.needs({ change: ['gained'] }, 0, 200)).toBe('all');
    const cell = all.value.cells[total - 1];
    if (!cell) throw new Error('a last cell');
    expect(p.explain(cell)).toBe('unlisted');
    while (!p.complete()) p.grow(1000);
    expect(p.listed()).toBe(total);
    expect(p.page({ rectangle: 0 }, 10, 50)).toEqual(pageOf(all.value, { rectangle: 0 }, 10, 50));
    expect(p.explain(cell)).toEqual(all.value.explain(cell));
  });

  it('whatif:summary answers pages from the backend; whatif:cancel stops a listing in progress', async () => {
    const h = api('paging.permsim');
    const all = summarizeScenario(model, grant);
    if (!all.ok) throw new Error('the grant applies');
    const first = await h.call('whatif:summary', { scenario: grant, limit: 100 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.matching).toBe(all.value.counts.total);
    expect(first.value.cells).toEqual(all.value.cells.slice(0, 100));

    // A text filter needs every cell listed: Cancel while it lists.
    const filtered = h.call('whatif:summary', { scenario: grant, filter: { text: 'Usr' } });
    const cancel = await h.call('whatif:cancel', {});
    const stopped = await filtered;
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(stopped.ok).toBe(false);
    if (!stopped.ok) {
      expect(stopped.error.code).toBe('cancelled');
      expect(stopped.error.message).toMatch(
        /^Cancelled after listing [\d,]+ of [\d,]+ changed cells\.$/,
      );
    }
    // Asked again, it goes on to the end and answers as the complete summary does.
    const again = await h.call('whatif:summary', { scenario: grant, filter: { text: 'Usr' } });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toEqual(pageOf(all.value, { text: 'Usr' }, 0, 200));
    // Nothing runs now: a Cancel has nothing to stop.
    expect(await h.call('whatif:cancel', {})).toEqual({ ok: true, value: { cancelled: false } });
    await h.close();
  });

  it('counts first: a summary of no cells lists none; whatif:cells then gives the pages without the totals', async () => {
    const h = api('counts-first.permsim');
    const all = summarizeScenario(model, grant);
    if (!all.ok) throw new Error('the grant applies');
    const counts = await h.call('whatif:summary', { scenario: grant, limit: 0 });
    if (!counts.ok) throw new Error(counts.error.message);
    expect(counts.value.counts).toEqual(all.value.counts);
    expect(counts.value.blastRadius).toEqual(all.value.blastRadius);
    expect(counts.value.matching).toBe(all.value.counts.total);
    expect(counts.value.cells).toEqual([]);

    const second = await h.call('whatif:cells', { scenario: grant, offset: 200 });
    if (!second.ok) throw new Error(second.error.message);
    const { cells, matching, offset, focus } = pageOf(all.value, {}, 200, 200);
    expect(second.value).toEqual({ cells, matching, offset, focus });
    // Only the page: no counts, blast radius or per-caller totals travel again.
    expect(Object.keys(second.value).sort()).toEqual(['cells', 'focus', 'matching', 'offset']);

    const gained = await h.call('whatif:cells', {
      scenario: grant,
      filter: { change: ['gained'] },
      offset: 0,
      limit: 50,
    });
    if (!gained.ok) throw new Error(gained.error.message);
    expect(gained.value.cells).toEqual(pageOf(all.value, { change: ['gained'] }, 0, 50).cells);

    const bad = await h.call('whatif:cells', { scenario: grant, offset: -1 });
    expect(bad.ok).toBe(false);
    await h.close();
  });
});
