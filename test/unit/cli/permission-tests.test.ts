/**
 * Permission tests for CI (`permsim test` with *.permsim-test.yaml, docs/permission-tests.md) on
 * the sensor demo: the four kinds of expectation through the engine's own queries, who-can with
 * every user and every application key from inside and outside its allowlist (§3.9), failures with
 * expected vs actual and the unexpected / missing principals, the json, junit and tap reporters
 * (JUnit checked against the structure CI servers read), `--update` as a reviewable diff, `--watch`
 * and the exit codes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermTestFileSchema } from '../../../shared/permtest/format';
import { permTestJsonSchemaText } from '../../../shared/permtest/format';
import { runPermTest } from '../../../shared/permtest/run';
import { applyChanges } from '../../../shared/whatif';
import { loadDemoModel } from '../demo-model';
import { REMOVE_ANALYSTS_DENY } from '../demo-project';
import { junitErrors } from './junit-check';
import { junitReport } from '../../../main/cli/test-cmd';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'permsim.mjs');
const DEMO = join(ROOT, 'assets', 'demos', 'sensor-datastream.yaml');
const STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

const permsim = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const TESTS = `# The agreed permissions of the sensor demo
model: ${DEMO}
tests:
  - name: alice may not call GetDataStream
    call: ${STREAM}
    as: alice
    expect: { status: 403, body: "^Not authorized for ServiceInvoke" }
  - name: only bob and the Administrator may call GetDataStream
    whoCan: ${STREAM}
    expect: { only: [bob, Administrator] }
  - name: nobody outside Operators writes sensor properties
    whoCan: { write: { template: SensorTemplate } }
    expect: { onlyMembersOf: Operators }
  - name: dana calls no service on the stream
    whatCan: { as: dana, on: SensorDataStream }
    expect: { exactly: [] }
  - name: alice has Write on Press1
    equipment: { user: alice, context: DefaultContext, on: Press1 }
    expect: Write
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-permtest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the four kinds of expectation (shared/permtest)', () => {
  const model = loadDemoModel();
  it('a call: status and a body regular expression, with the explanation', () => {
    const ok = runPermTest(model, {
      name: 'x',
      call: STREAM,
      as: 'alice',
      expect: { status: 403, body: 'denied|Not authorized' },
    });
    expect(ok.pass).toBe(true);
    const bad = runPermTest(model, {
      name: 'x',
      call: STREAM,
      as: 'alice',
      expect: { status: 200 },
    });
    expect(bad.pass).toBe(false);
    expect(bad.expected).toBe('status 200');
    expect(bad.actual).toMatch(/^status 403 \(denied\)/);
    expect(bad.explanation.join('\n')).toContain('Deny · group DataAnalysts');
    const regex = runPermTest(model, {
      name: 'x',
      call: STREAM,
      as: 'alice',
      expect: { body: '(' },
    });
    expect(regex.error).toMatch(/not a regular expression/);
  });

  it('who can: every user and every key from each address; unexpected and missing named with why', () => {
    const r = runPermTest(model, {
      name: 'x',
      whoCan: STREAM,
      expect: { only: ['bob', 'carol'] },
    });
    expect(r.pass).toBe(false);
    expect(r.unexpected).toEqual(['Administrator']);
    expect(r.missing).toEqual(['carol']); // locked (§3.11)
    expect(r.explanation.join('\n')).toMatch(/carol: POST .* 401/);
    // Once the analysts' Deny is gone, alice's key gains the call from inside its allowlist only.
    const after = applyChanges(model, [REMOVE_ANALYSTS_DENY]);
    if (!after.ok) throw new Error(after.error.message);
    const k = runPermTest(after.model, {
      name: 'x',
      whoCan: STREAM,
      expect: { only: ['Administrator', 'alice', 'bob'] },
    });
    expect(k.unexpected).toEqual(['appKey:analyst-key@10.1.0.0/16']);
    // `appKey:NAME` stands for the key from any of its addresses.
    const any = runPermTest(after.model, {
      name: 'x',
      whoCan: STREAM,
      expect: { only: ['Administrator', 'alice', 'bob', 'appKey:analyst-key'] },
    });
    expect(any.pass).toBe(true);
  });

  it('who can, over every property of the Things of a template: nobody outside a group', () => {
    const r = runPermTest(model, {
      name: 'x',
      whoCan: { write: { template: 'SensorTemplate' } },
      expect: { onlyMembersOf: 'Administrators' },
    });
    expect(r.pass).toBe(true);
    const ops = runPermTest(model, {
      name: 'x',
      whoCan: { read: { template: 'SensorTemplate' } },
      expect: { onlyMembersOf: 'DataAnalysts' },
    });
    expect(ops.pass).toBe(false);
    expect(ops.unexpected).toContain('bob');
    expect(
      runPermTest(model, {
        name: 'x',
        whoCan: { read: { template: 'NoSuchTemplate' } },
        expect: { onlyMembersOf: 'Operators' },
      }).error,
    ).toBe("no template named 'NoSuchTemplate'");
  });

  it('what can: exactly these services; equipment: Read / Write / None (§7.18)', () => {
    const bob = runPermTest(model, {
      name: 'x',
      whatCan: { as: 'bob', on: 'SensorDataStream', calls: 'services' },
      expect: { exactly: ['GetDataStream'] },
    });
    expect(bob.pass).toBe(false);
    expect(bob.missing).toEqual([]);
    expect(bob.unexpected?.length).toBeGreaterThan(0);
    expect(bob.current).toEqual({ exactly: expect.arrayContaining(['GetDataStream']) });
    const eq = runPermTest(model, {
      name: 'x',
      equipment: { user: 'dana', context: 'DefaultContext', on: 'Press1' },
      expect: 'Write',
    });
    expect(eq.pass).toBe(false);
    expect(eq.expected).toBe('dana has Write on Press1 in DefaultContext');
  });

  it('the committed JSON Schema equals a fresh generation (npm run schema)', () => {
    expect(readFileSync(join(ROOT, 'assets/schema/permsim-test.schema.json'), 'utf8')).toBe(
      permTestJsonSchemaText(),
    );
    expect(
      PermTestFileSchema.safeParse({ model: 'm.yaml', tests: [{ name: 'x', expect: {} }] }).success,
    ).toBe(false);
  });
});

describe('permsim test with test files', () => {
  it('prints failures with expected vs actual and the principals; exit 1; the last line counts', () => {
    const file = join(dir, 'demo.permsim-test.yaml');
    writeFileSync(file, TESTS);
    const r = permsim(['test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${file}:11 nobody outside Operators writes sensor properties`);
    expect(r.stdout).toContain('  unexpected: Administrator');
    expect(r.stdout).toMatch(/ {2}expected: nobody outside group Operators may write/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('4 passed, 1 failed');
  });

  it('--reporter junit writes JUnit XML that CI servers read; json and tap too', () => {
    const file = join(dir, 'report.permsim-test.yaml');
    writeFileSync(file, TESTS);
    const broken = join(dir, 'broken.permsim-test.yaml');
    writeFileSync(broken, 'model: nowhere.yaml\ntests: []\n');
    const j = permsim(['test', file, DEMO, broken, '--reporter', 'junit']);
    expect(j.code).toBe(1);
    expect(junitErrors(j.stdout)).toEqual([]);
    expect(j.stdout).toContain('<failure message="expected nobody outside group Operators');
    expect(j.stdout).toContain('<error message="model nowhere.yaml');
    // A hostile name is escaped, never markup.
    expect(
      junitErrors(
        junitReport([
          {
            file: 'a<b>&"c"',
            cases: [
              {
                file: 'x',
                name: '</testcase><x a="',
                kind: 'call',
                pass: false,
                expected: '\u0001<',
                actual: ']]>',
                explanation: [],
                ms: 1,
              },
            ],
          },
        ]),
      ),
    ).toEqual([]);
    const js = permsim(['test', file, '--reporter', 'json']);
    const v = JSON.parse(js.stdout) as {
      passed: number;
      failed: number;
      suites: { tests: { pass: boolean; unexpected?: string[] }[] }[];
    };
    expect([v.passed, v.failed]).toEqual([4, 1]);
    expect(v.suites[0]?.tests[2]?.unexpected).toEqual(['Administrator']);
    const tap = permsim(['test', file, '--reporter', 'tap']);
    expect(tap.stdout.split('\n').slice(0, 2)).toEqual(['TAP version 13', '1..5']);
    expect(tap.stdout).toMatch(/^not ok 3 - .* whoCan: nobody outside Operators/m);
    expect(permsim(['test', file, '--reporter', 'xml']).code).toBe(2);
  });

  it('--update writes today\u2019s answers into the failing expectations, shown as a diff; then all pass', () => {
    const file = join(dir, 'update.permsim-test.yaml');
    writeFileSync(file, TESTS);
    const u = permsim(['test', file, '--update']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('-    expect: { onlyMembersOf: Operators }');
    expect(u.stdout).toContain('+    expect: { only: [ Administrator ] }');
    const after = readFileSync(file, 'utf8');
    // Only the failing expectation changed; comments and the rest stay as written.
    expect(after).toContain('# The agreed permissions of the sensor demo');
    expect(after).toContain('expect: { status: 403, body: "^Not authorized for ServiceInvoke" }');
    expect(permsim(['test', file]).stdout.trimEnd().split('\n').pop()).toBe('5 passed, 0 failed');
  });

  it('--watch runs again when the model changes', async () => {
    const model = join(dir, 'model.yaml');
    writeFileSync(model, readFileSync(DEMO, 'utf8'));
    const file = join(dir, 'watch.permsim-test.yaml');
    writeFileSync(
      file,
      TESTS.replace(`model: ${DEMO}`, 'model: model.yaml').replace(
        / {2}- name: nobody outside Operators[^]*?onlyMembersOf: Operators \}\n/,
        '',
      ),
    );
    const child = spawn(process.execPath, [BIN, 'test', file, '--watch'], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const until = (pred: () => boolean, what: string) =>
      new Promise<void>((res, rej) => {
        const started = Date.now();
        const tick = setInterval(() => {
          if (pred()) {
            clearInterval(tick);
            res();
          } else if (Date.now() - started > 90_000 || child.exitCode !== null) {
            clearInterval(tick);
            rej(new Error(`${what}; stdout: ${out}; stderr: ${err}`));
          }
        }, 100);
      });
    try {
      await until(
        () => out.includes('4 passed, 0 failed') && err.includes('watching'),
        'first run',
      );
      // alice loses her Write on Press1: the model changes, the tests run again and one fails.
      writeFileSync(
        model,
        readFileSync(model, 'utf8').replace(
          'alice: { groups: [DataAnalysts]',
          'alice: { groups: []',
        ),
      );
      await until(
        () => out.includes('passed, 1 failed') || out.includes('passed, 2 failed'),
        'second run',
      );
      expect(err).toContain('changed; running again');
    } finally {
      child.kill();
    }
  }, 120_000);
});
