/**
 * A customer's Postman collection run with newman against the stand-in (docs/stand-in-server.md
 * "Postman and newman"): every request's tests pass against the sensor demo as the model answers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { startMockServer } from '../../../main/mock/server';
import { loadDemoModel } from '../demo-model';

const ROOT = resolve(__dirname, '..', '..', '..');
const COLLECTION = join(ROOT, 'test/fixtures/mock/sensor-demo.postman_collection.json');

it('newman runs the Postman collection against the stand-in with every test passing', async () => {
  const s = await startMockServer({ model: loadDemoModel(), port: 0 });
  if (!s.ok) throw new Error(s.error.message);
  const dir = mkdtempSync(join(tmpdir(), 'permsim-newman-'));
  const report = join(dir, 'report.json');
  try {
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/newman'),
      [
        'run',
        COLLECTION,
        '--env-var',
        `baseUrl=${s.value.url}`,
        '--reporters',
        'json',
        '--reporter-json-export',
        report,
      ],
      { timeout: 30_000 },
    ).catch((e: { stdout?: string }) => e);
    const run = (
      JSON.parse(readFileSync(report, 'utf8')) as {
        run: {
          stats: { requests: { total: number }; assertions: { total: number; failed: number } };
          failures: { error: { message: string } }[];
        };
      }
    ).run;
    expect(run.failures.map(f => f.error.message)).toEqual([]);
    expect(run.stats.requests.total).toBe(10);
    expect(run.stats.assertions.failed).toBe(0);
    expect(s.value.entries().map(e => e.status)).toEqual([
      200, 403, 200, 401, 404, 405, 401, 200, 200, 200,
    ]);
  } finally {
    await s.value.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
