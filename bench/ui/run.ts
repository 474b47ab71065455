/**
 * Browser-side UI benchmark (docs/architecture.md "Views"; not a timed test): in Debian's Chromium against the real
 * loopback server with the generated size-M model (bench/generator.ts, seed 42), it measures
 *   1. layout of a ~500-node neighbourhood in the Web Worker (our fast layered layout past 150 nodes), warm, 5 runs;
 *   2. frame times while panning that 500-node view (requestAnimationFrame deltas, long = > 50 ms), 3 drags;
 *   3. first paint of the access matrix after the axes are ready (visible tiles fetched and drawn).
 * Needs a built renderer (`npm run build`). Prints JSON; the figures go to docs/benchmarks.md.
 *
 * @example
 * npx tsx bench/ui/run.ts                              # M, seed 42, renderer from out/renderer
 * npx tsx bench/ui/run.ts --renderer /tmp/other-build   # compare a differently built renderer
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../main/server';
import { neighbourhood } from '../../shared/graph';
import { modelToText } from '../../shared/model/decompile';
import { generateModel } from '../generator';

const CHROMIUM = '/usr/bin/chromium';
const rendererArg = process.argv.indexOf('--renderer');
const rendererDir = path.resolve(
  rendererArg > 0 && process.argv[rendererArg + 1]
    ? process.argv[rendererArg + 1]!
    : 'out/renderer',
);

type Focus = { type: 'group' | 'template' | 'user'; name: string; nodes: number };

/** The group, template or (sampled) user whose unfolded neighbourhood is nearest 500 nodes. */
function pickFocus(model: ReturnType<typeof generateModel>): Focus {
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const model = generateModel('M', 42);
  const focus = pickFocus(model);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-uibench-'));
  const file = path.join(dir, 'model-M.json');
  // The file format, not the normalized Model (docs/model-format.md).
  await writeFile(file, modelToText(model, 'json'));
  const server = await startServer({
    dataDir: dir,
    rendererDir,
    host: '127.0.0.1',
    projectPath: file,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await page.locator('.app[aria-busy="false"]').waitFor({ timeout: 120_000 });

    // 1. Layout in the worker: the first run warms elkjs up; the next five are measured.
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
      await canvas.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
        await page.screenshot({ path: 'test-results/uibench-fail.png' });
        throw e;
      });
      const ms = Number(await canvas.getAttribute('data-layout-ms'));
      nodes = Number(await canvas.getAttribute('data-nodes'));
      engine = (await canvas.getAttribute('data-layout-engine')) ?? '';
      if (i > 0) layouts.push(ms);
      await page.getByRole('tab', { name: 'Ask' }).click();
      await page.getByRole('tab', { name: 'Graph' }).click();
    }

    // 2. Panning: three ~2 s drags of the pane while recording frame deltas (the first frames of
    // each drag are dropped: they include the mouse-down hit test, not panning).
    await page.locator('.react-flow__pane').waitFor();
    const box = await page.locator('.graph-canvas').boundingBox();
    if (!box) throw new Error('no graph canvas');
    // For a look at the big layout (labels, deny edges, no overlaps); not part of the figures.
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

    // 3. Matrix first paint after the axes (the data) are ready.
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const stage = page.locator('.matrix-stage[data-first-paint-ms]');
    await stage.waitFor({ timeout: 120_000 });
    const firstPaint = Number(await stage.getAttribute('data-first-paint-ms'));
    const status = await page.getByLabel('Matrix status').innerText();

    const out = {
      size: 'M',
      seed: 42,
      focus: {
        type: focus.type,
        name: focus.name,
        nodes,
        engine,
        note: 'unfolded neighbourhood (guard 1000)',
      },
      layoutMs: { runs: layouts, median: median(layouts), max: Math.max(...layouts) },
      panning: {
        frames: frames.length,
        medianMs: median(frames),
        p95Ms: [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)],
        maxMs: Math.max(...frames),
        longFrames: frames.filter(f => f > 50).length,
        longPerDrag: drags.map(f => f.filter(x => x > 50).length),
      },
      matrix: { firstPaintMs: firstPaint, axes: status.split('·')[0]?.trim() },
      chromium: browser.version(),
      cores: os.cpus().length,
      loadAverage: os.loadavg().map(l => Number(l.toFixed(2))),
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(`ui bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
