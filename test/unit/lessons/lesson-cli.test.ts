/**
 * `permsim lesson` (docs/lessons.md): `check` exits 0 on every bundled lesson's reference solution
 * and 1 on its starting model, naming the unmet tasks and what is wrong in Ask's words; `start` and
 * `solve` write the two models; bad input is one clear message and never a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonFiles } from '../../../main/api/lesson-file';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';

const ROOT = resolve(__dirname, '..', '..', '..');
const files = lessonFiles(join(ROOT, 'assets', 'lessons'));
const dir = mkdtempSync(join(tmpdir(), 'permsim-lesson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function permsim(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: t => void (stdout += t), err: t => void (stderr += t), errIsTTY: false };
  const code = await main(args, io, ROOT);
  return { code, stdout, stderr };
}

describe('permsim lesson check', () => {
  it.each(files.map(f => [basename(f), f]))(
    '%s: the reference solution passes (0), the starting model fails (1) with its tasks named',
    async (_name, file) => {
      const solved = join(dir, `${basename(file)}.solved.yaml`);
      const start = join(dir, `${basename(file)}.start.yaml`);
      expect((await permsim(['lesson', 'solve', file, '-o', solved])).code).toBe(0);
      expect((await permsim(['lesson', 'start', file, '-o', start])).code).toBe(0);

      const good = await permsim(['lesson', 'check', file, solved]);
      expect(good.stderr).toBe('');
      expect(good.code).toBe(0);
      expect(good.stdout).toMatch(/^MET +step \d+: /m);
      expect(good.stdout).toMatch(/\n(\d+) met, 0 unmet\n$/);

      const bad = await permsim(['lesson', 'check', file, start]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^UNMET step \d+: .+$/m);
      expect(bad.stdout).toMatch(/^ {2}- .+: expected .+; the model answers .+$/m);
      expect(bad.stdout).toMatch(/\n0 met, \d+ unmet\n$/);
    },
  );

  it('says what is wrong in the words of Ask, and why', async () => {
    const file = join(ROOT, 'assets/lessons/05-deny-and-levels.permsim-lesson.yaml');
    const r = await permsim([
      'lesson',
      'check',
      file,
      join(ROOT, 'assets/demos/sensor-datastream.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'UNMET step 5: let the DataAnalysts call GetDataStream again without changing any other answer on SensorDataStream',
    );
    expect(r.stdout).toContain(
      'alice calls GetDataStream: expected status 200; the model answers status 403',
    );
    expect(r.stdout).toContain(
      'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    );
  });

  it('names the answers a "keep" forbids changing', async () => {
    const file = join(ROOT, 'assets/lessons/05-deny-and-levels.permsim-lesson.yaml');
    // Removing the whole Thing-level Deny and also the template's PropertyRead for Viewers breaks a kept call.
    const model = join(dir, 'too-much.yaml');
    writeFileSync(
      model,
      (await permsim(['lesson', 'solve', file])).stdout.replace(
        /\n\s*- \{ allow: PropertyRead, principal: group:Viewers \}/,
        '',
      ),
    );
    const r = await permsim(['lesson', 'check', file, model, '--json']);
    const out = JSON.parse(r.stdout) as { met: boolean; tasks: { problems: string[] }[] };
    expect(r.code).toBe(1);
    expect(out.met).toBe(false);
    expect(out.tasks[0]?.problems.join('\n')).toMatch(
      /every answer to GET \/Thingworx\/Things\/SensorDataStream\/Properties\/temperature must stay the same, but 1 changed: dana: GET \/Thingworx\/Things\/SensorDataStream\/Properties\/temperature answered 200, now 403/,
    );
  });

  it('refuses a bad lesson with its place, and a missing model, without a stack trace', async () => {
    const bad = join(dir, 'bad.permsim-lesson.yaml');
    writeFileSync(
      bad,
      'permsimLesson: 1\ntitle: x\nmodel: m.yaml\nsteps:\n  - predict: { call: GET /x }\n',
    );
    const r = await permsim([
      'lesson',
      'check',
      bad,
      join(ROOT, 'assets/demos/sensor-datastream.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.permsim-lesson\.yaml:5: steps\.0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const m = await permsim(['lesson', 'check', files[0] as string, join(dir, 'nope.yaml')]);
    expect(m.code).not.toBe(0);
    expect(m.stderr).toContain('No such file');
  });

  it('lists the bundled course', async () => {
    const r = await permsim(['lesson', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
    expect(r.stdout).toContain('Visibility and organizational units (5 steps, 1 task)');
  });
});
