/**
 * Browser-side UI benchmark (docs/benchmarks.md "UI"; not a timed test): Debian's Chromium against the real
 * loopback server, the generated model (bench/generator.ts) written as a SQLite project. It measures
 *   1. opening the project: the server opening it, then the page until the app is usable (not busy);
 *   2. the access matrix's first complete paint, from the tab click (axes and visible tiles included);
 *   3. scrolling the matrix: frame times (requestAnimationFrame deltas) while it scrolls smoothly, then
 *      jumps far and wide, and the tile cache's size after it (bounded by MAX_TILES);
 *   4. the what-if of the typical change (an Allow on a template's instances for a group,
 *      bench/whatif.ts `changeSet`): from "Add change" to its counts on screen;
 *   5. the equipment view of one user (a second project: the model with its equipment context): from
 *      choosing the user to their tree on screen with nothing in flight;
 *   6. at S and M only, the graph layout of a ~500-node neighbourhood and panning it (issue 7).
 * Every time is taken inside the page (performance.now around the click and a MutationObserver or
 * animation frames), so Playwright's polling is not part of it. Needs a built renderer (`npm run build`).
 * Prints the figures and the goals table (bench/goals.ts) and writes the JSON to bench/results/ui-SIZE.json.
 *
 * @example
 * npx tsx bench/ui/run.ts                 # M, seed 42
 * npx tsx bench/ui/run.ts --size L        # the size-L goals (issue 20 item 6)
 * npx tsx bench/ui/run.ts --renderer /tmp/other-build
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../main/server';
import { openProject } from '../../main/store';
import { neighbourhood } from '../../shared/graph';
import type { Model } from '../../shared/model/types';
import type { WhatIfChange } from '../../shared/whatif';
import { generateModel, generateModelWithStats } from '../generator';
import { atMost, renderGoals } from '../goals';
import type { GoalRow } from '../goals';
import { MODEL_SIZES } from '../params';
import type { ModelSize } from '../params';
import { changeSet } from '../whatif';

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const rendererDir = path.resolve(arg('--renderer') ?? 'out/renderer');

type Focus = { type: 'group' | 'template' | 'user'; name: string; nodes: number };

/** The group, template or (sampled) user whose unfolded neighbourhood is nearest 500 nodes. */
function pickFocus(model: Model): Focus {
  let best: Focus = { type: 'group', name: '', nodes: 0 };
  const candidates: { type: Focus['type']; name: string }[] = [
    ...Object.values(model.groups)
      .filter(g => !g.builtin)
      .map(g => ({ type: 'group' as const, name: g.name })),
    ...Object.values(model.templates)
      .filter(t => !t.builtin)
      .map(t => ({ type: 'template' as const, name: t.name })),
    ...Object.values(model.users)
      .filter(u => !u.builtin)
      .slice(0, 200)
      .map(u => ({ type: 'user' as const, name: u.name })),
  ];
  for (const c of candidates) {
    const r = neighbourhood(model, c, { guard: 1000 });
    if (!r.ok) continue;
    const n = r.value.nodes.length;
    if (n <= 1000 && Math.abs(n - 500) < Math.abs(best.nodes - 500)) best = { ...c, nodes: n };
  }
  return best;
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: readonly number[], q: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const frameStats = (frames: readonly number[]) => ({
  frames: frames.length,
  p50Ms: pct(frames, 0.5),
  p95Ms: pct(frames, 0.95),
  p99Ms: pct(frames, 0.99),
  maxMs: Math.max(...frames),
  /** Frames slower than 60 fps allows (16.7 ms, with 1 ms of timer slack). */
  over17Ms: frames.filter(f => f > 17.7).length,
  longFrames: frames.filter(f => f > 50).length,
});
const round = (n: number) => Math.round(n * 10) / 10;
/** The painter's own time per frame (paint.ts), as the canvas reports it. */
const paintStats = (ms: readonly number[]) => ({
  p50Ms: pct(ms, 0.5),
  p95Ms: pct(ms, 0.95),
  maxMs: Math.max(...ms),
});

/** Writes the model as a project file, starts the real server on it and opens a page: time of each. */
async function openApp(browser: Browser, model: Model, dir: string, name: string) {
  const file = path.join(dir, `${name}.permsim`);
  const w0 = performance.now();
  const store = openProject(file, { create: true, model });
  if (!store.ok) throw new Error(store.error.message);
  store.value.close();
  const writeMs = performance.now() - w0;
  const s0 = performance.now();
  const server = await startServer({
    dataDir: dir,
    rendererDir,
    host: '127.0.0.1',
    projectPath: file,
  });
  const serverMs = performance.now() - s0;
  const page = await browser.newPage({ viewport: VIEWPORT });
  const p0 = performance.now();
  await page.goto(server.url);
  await page.locator('.app[aria-busy="false"]').waitFor({ timeout: 600_000 });
  const pageMs = performance.now() - p0;
  return { page, server, open: { writeMs, serverMs, pageMs, totalMs: serverMs + pageMs } };
}

/**
 * In the page: clicks the element `selector` (the n-th match of its text) and resolves with the time until
 * `done()` (a JS expression) holds, checked after every DOM change and every animation frame.
 */
function clickAndTime(
  page: Page,
  click: string,
  done: string,
  timeoutMs = 600_000,
): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const t0 = performance.now();
    let finished = false;
    const check = () => {
      if (finished) return;
      let ok = false;
      try { ok = (${done}); } catch (e) { ok = false; }
      if (ok) { finished = true; obs.disconnect(); resolve(performance.now() - t0); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const tick = () => { check(); if (!finished) requestAnimationFrame(tick); };
    setTimeout(() => { if (!finished) { finished = true; obs.disconnect(); reject(new Error('timed out: ' + ${JSON.stringify(done)})); } }, ${timeoutMs});
    (${click});
    requestAnimationFrame(tick);
  })`) as Promise<number>;
}

const IDLE = `document.querySelector('[role="progressbar"][aria-label="Working"]')?.getAttribute('aria-valuetext') === 'Idle'`;

async function matrixPhase(page: Page) {
  // 2. First complete paint from the tab click: axes fetched, visible tiles fetched and drawn.
  const firstPaintMs = await clickAndTime(
    page,
    `[...document.querySelectorAll('[role="tab"]')].find(t => t.textContent.trim() === 'Matrix').click()`,
    `document.querySelector('.matrix-stage[data-first-paint-ms]') !== null`,
  );
  const stage = page.locator('.matrix-stage[data-first-paint-ms]');
  const afterAxesMs = Number(await stage.getAttribute('data-first-paint-ms'));
  const status = await page.getByLabel('Matrix status').innerText();
  // 3. Scrolling: one step per animation frame, measuring the frame deltas meanwhile.
  const scroll = (mode: 'smooth' | 'jumps', frames: number) =>
    page.evaluate(`new Promise(resolve => {
      const el = document.querySelector('.matrix-scroll');
      const cv = document.querySelector('.matrix-canvas');
      const deltas = [];
      const paints = [];
      let last = performance.now();
      let n = 0;
      let seed = 7;
      const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const step = t => {
        deltas.push(t - last); last = t;
        // The previous frame's paint (useMatrixCanvas writes its duration on the canvas).
        if (n > 2 && cv.dataset.paintMs !== undefined) paints.push(Number(cv.dataset.paintMs));
        if (n++ >= ${frames}) { resolve({ frames: deltas.slice(2), paints }); return; }
        if (${JSON.stringify(mode)} === 'smooth') { el.scrollTop += 24; el.scrollLeft += 40; }
        else { el.scrollTop = rnd() * (el.scrollHeight - el.clientHeight); el.scrollLeft = rnd() * (el.scrollWidth - el.clientWidth); }
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`) as Promise<{ frames: number[]; paints: number[] }>;
  const smooth = await scroll('smooth', 300);
  const jumps = await scroll('jumps', 300);
  // Let the requested tiles arrive (the matrix counts its own tile calls: they stay out of the top
  // bar's indicator), then read the cache (the canvas carries its size).
  // (waitForFunction evaluates a string: the CSP refuses it)
  await clickAndTime(
    page,
    'null',
    `(document.querySelector('.matrix-canvas')?.dataset.pendingTiles ?? '0') === '0'`,
  );
  const tiles = Number(await page.locator('.matrix-canvas').getAttribute('data-tiles'));
  const maxTiles = Number(await page.locator('.matrix-canvas').getAttribute('data-max-tiles'));
  await page.screenshot({ path: 'test-results/uibench-matrix.png' });
  const result = {
    firstPaintMs: round(firstPaintMs),
    firstPaintAfterAxesMs: afterAxesMs,
    axes: status.split('·')[0]?.trim(),
    smooth: { ...frameStats(smooth.frames), paint: paintStats(smooth.paints) },
    jumps: { ...frameStats(jumps.frames), paint: paintStats(jumps.paints) },
    tileCache: { tiles, maxTiles },
  };
  // Printed at once: a later phase that fails does not take the matrix figures with it.
  process.stderr.write(`matrix phase: ${JSON.stringify(result)}\n`);
  return result;
}

/**
 * In the page: clicks as clickAndTime does and resolves with the time until each of `done` (JS
 * expressions, checked after every DOM change and animation frame) first holds, in order given.
 */
function clickAndTimeEach(
  page: Page,
  click: string,
  done: readonly string[],
  timeoutMs = 600_000,
): Promise<number[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const t0 = performance.now();
    const checks = [${done.map(d => `() => (${d})`).join(', ')}];
    const at = checks.map(() => undefined);
    let finished = false;
    const check = () => {
      if (finished) return;
      checks.forEach((c, i) => {
        if (at[i] !== undefined) return;
        let ok = false;
        try { ok = c(); } catch (e) { ok = false; }
        if (ok) at[i] = performance.now() - t0;
      });
      if (at.every(x => x !== undefined)) { finished = true; obs.disconnect(); resolve(at); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const tick = () => { check(); if (!finished) requestAnimationFrame(tick); };
    setTimeout(() => { if (!finished) { finished = true; obs.disconnect(); reject(new Error('timed out: ' + JSON.stringify(at))); } }, ${timeoutMs});
    (${click});
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
}

async function whatIfPhase(page: Page, model: Model) {
  const typical = changeSet(model)[0];
  const change = typical?.change as WhatIfChange | undefined;
  if (!change || change.type !== 'add-entry' || change.target.level !== 'instance')
    throw new Error('the typical change is not an entry on a template instance set');
  const entry = change.entry;
  if (entry.family !== 'runtime') throw new Error('the typical change is not a run-time entry');
  await page.getByRole('tab', { name: 'What-if' }).click();
  await page.getByRole('button', { name: '+ Add change' }).click();
  const form = page.getByRole('form', { name: 'New change' });
  await form.getByLabel('Level').selectOption({ label: 'Template instances' });
  await form.getByLabel('Target').fill(change.target.template);
  await form.getByLabel('Effect').selectOption({ label: entry.allow ? 'Allow' : 'Deny' });
  await form.getByLabel('Kind').selectOption(entry.kind);
  await form.getByLabel('Resource').fill(entry.resource);
  await form.getByLabel('Principal').fill(`${entry.principal.type}:${entry.principal.name}`);
  // Counts on screen (the goal), and apart from them the table's first rows with nothing in flight
  // (today both arrive with the one summary answer; the backend can answer the counts alone).
  const [countsMs, rowsMs] = await clickAndTimeEach(
    page,
    `[...document.querySelectorAll('form[aria-label="New change"] button')].find(b => b.textContent.trim() === 'Add change').click()`,
    [
      `/gained/.test(document.querySelector('[aria-label="Diff counts"]')?.textContent ?? '')`,
      `document.querySelector('table[aria-label="Changed cells"] tbody tr[aria-rowindex="2"]:not(.loading-row)') !== null && ${IDLE}`,
    ],
  );
  const counts = (await page.getByLabel('Diff counts').innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: 'test-results/uibench-whatif.png' });
  return {
    change: `${entry.allow ? 'Allow' : 'Deny'} ${entry.kind} ${entry.resource} on the instances of ${change.target.template} for ${entry.principal.type} ${entry.principal.name}`,
    countsOnScreenMs: round(countsMs ?? NaN),
    firstRowsMs: round(rowsMs ?? NaN),
    counts,
  };
}

async function equipmentPhase(page: Page, model: Model) {
  await page.getByRole('tab', { name: 'Equipment' }).click();
  await clickAndTime(page, 'null', IDLE); // (waitForFunction evaluates a string: the CSP refuses it)
  await page.locator('[aria-label="Context permission"]').waitFor({ timeout: 600_000 });
  // A user with grants on the equipment other than the one shown first (the first non-built-in user).
  const shown = await page.getByLabel('Context permission').innerText();
  const user = Object.values(model.users)
    .filter(u => !u.builtin && !shown.includes(` ${u.name} `))
    .map(u => u.name)
    .reverse()[0];
  if (!user) throw new Error('no second user');
  // As a user would: type the name into the "User or group" combobox, then pick the user's option
  // (a user and a group may share a name: the option whose kind is "user"). The time runs from the pick.
  await page.getByRole('combobox', { name: 'User or group' }).fill(user);
  const option = page
    .getByRole('option')
    .filter({ has: page.locator('.combo-detail', { hasText: 'user' }) })
    .and(page.locator(`[title=${JSON.stringify(user)}]`));
  await option.first().waitFor();
  const ms = await clickAndTime(
    page,
    `[...document.querySelectorAll('[role="option"]')].find(o => o.title === ${JSON.stringify(user)} && o.querySelector('.combo-detail')?.textContent.trim() === 'user').click()`,
    `(document.querySelector('[aria-label="Context permission"]')?.textContent ?? '').includes(${JSON.stringify(`user ${user} on context`)}) && ${IDLE} && document.querySelector('[role="treeitem"]') !== null`,
  );
  const summary = (await page.getByLabel('Context permission').innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: 'test-results/uibench-equipment.png' });
  return { user, viewMs: round(ms), summary };
}

/** 6. Graph layout and panning (issue 7), at S and M. */
async function graphPhase(page: Page, model: Model) {
  const focus = pickFocus(model);
  await page.getByRole('tab', { name: 'Graph' }).click();
  const layouts: number[] = [];
  let nodes = 0;
  let engine = '';
  for (let i = 0; i < 6; i++) {
    // The view remounts on every tab switch, so the focus form is filled each time.
    await page.getByLabel('Focus type').selectOption(focus.type);
    await page.getByLabel('Node guard').fill('1000');
    await page.getByLabel('Focus name').fill(focus.name);
    await page.evaluate(() =>
      document.querySelector('.graph-canvas')?.removeAttribute('data-layout-ms'),
    );
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const canvas = page.locator('.graph-canvas[data-layout-ms]');
    await canvas.waitFor({ timeout: 60_000 });
    const ms = Number(await canvas.getAttribute('data-layout-ms'));
    nodes = Number(await canvas.getAttribute('data-nodes'));
    engine = (await canvas.getAttribute('data-layout-engine')) ?? '';
    if (i > 0) layouts.push(ms);
    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.getByRole('tab', { name: 'Graph' }).click();
  }
  // Three ~2 s drags of the pane while recording frame deltas (the first frames of each drag are
  // dropped: they include the mouse-down hit test, not panning).
  await page.locator('.react-flow__pane').waitFor();
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box) throw new Error('no graph canvas');
  await page.screenshot({ path: 'test-results/uibench-graph-500.png' });
  const drags: number[][] = [];
  for (let d = 0; d < 3; d++) {
    // A string, not a function: tsx would inject helpers (__name) that do not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      let last = performance.now();
      const tick = t => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 120; i++)
      await page.mouse.move(
        box.x + box.width / 2 + Math.sin(i / 10) * 300,
        box.y + box.height / 2 + Math.cos(i / 10) * 200,
      );
    await page.mouse.up();
    drags.push(
      (await page.evaluate('(window.__stop = true, window.__frames.slice(2))')) as number[],
    );
  }
  const frames = drags.flat();
  return {
    focus: { ...focus, nodes, engine, note: 'unfolded neighbourhood (guard 1000)' },
    layoutMs: { runs: layouts, median: median(layouts), max: Math.max(...layouts) },
    panning: { ...frameStats(frames), longPerDrag: drags.map(f => f.filter(x => x > 50).length) },
  };
}

async function main(): Promise<void> {
  const size = (arg('--size') ?? 'M').toUpperCase() as ModelSize;
  if (!MODEL_SIZES.includes(size)) throw new Error(`--size: expected S, M or L, got ${size}`);
  const seed = Number(arg('--seed') ?? 42);
  const loadStart = os.loadavg()[0] ?? NaN;
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`generating the size-${size} model (seed ${seed})...`);
  const model = generateModel(size, seed);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-uibench-'));
  mkdirSync('test-results', { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    log('opening the project...');
    const app = await openApp(browser, model, dir, `model-${size}`);
    let matrix;
    let whatif;
    let graph;
    try {
      log('matrix: first paint and scrolling...');
      matrix = await matrixPhase(app.page);
      log('what-if: the typical change...');
      whatif = await whatIfPhase(app.page, model);
      if (size !== 'L') {
        log('graph: layout and panning...');
        graph = await graphPhase(app.page, model);
      }
    } finally {
      await app.page.close();
      await app.server.close();
    }
    log('equipment: a second project with the equipment context...');
    const withEquipment = generateModelWithStats(size, seed, { equipment: true }).model;
    const eqApp = await openApp(browser, withEquipment, dir, `equipment-${size}`);
    let equipment;
    try {
      equipment = await equipmentPhase(eqApp.page, withEquipment);
    } finally {
      await eqApp.page.close();
      await eqApp.server.close();
    }
    const goals: GoalRow[] = [
      atMost(`Matrix first paint (${size}), from the tab click`, 1000, matrix.firstPaintMs, 'ms'),
      atMost(`Matrix scroll p95 frame (${size}), 60 fps`, 1000 / 60, matrix.smooth.p95Ms, 'ms'),
      atMost(
        `Matrix paint p95 while scrolling (${size})`,
        1000 / 60,
        matrix.smooth.paint.p95Ms,
        'ms',
      ),
      atMost(
        `Matrix tile cache after scrolling (${size})`,
        matrix.tileCache.maxTiles,
        matrix.tileCache.tiles,
        'tiles',
      ),
      atMost(
        `What-if typical change, counts on screen (${size})`,
        1000,
        whatif.countsOnScreenMs,
        'ms',
      ),
      atMost(`Equipment view of one user (${size})`, 300, equipment.viewMs, 'ms'),
    ];
    const out = {
      size,
      seed,
      viewport: VIEWPORT,
      open: Object.fromEntries(Object.entries(app.open).map(([k, v]) => [k, round(v)])),
      openEquipmentProject: Object.fromEntries(
        Object.entries(eqApp.open).map(([k, v]) => [k, round(v)]),
      ),
      matrix,
      whatif,
      equipment,
      graph,
      goals,
      chromium: browser.version(),
      cores: os.cpus().length,
      loadAverage: { start: loadStart, end: os.loadavg()[0] ?? NaN },
    };
    const file = path.resolve(`bench/results/ui-${size}.json`);
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n\n`);
    process.stdout.write(
      `${renderGoals(goals, `1-min load average ${loadStart.toFixed(2)} at start, ${(os.loadavg()[0] ?? NaN).toFixed(2)} at end`)}\n`,
    );
    log(`JSON written to ${file}`);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(`ui bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
