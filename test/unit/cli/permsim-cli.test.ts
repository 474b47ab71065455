import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'permsim.mjs');
const PLANT = join(ROOT, 'test', 'unit', 'api', 'fixtures', 'plant.yaml');
const SEED = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';
const TEMPERATURE = 'GET /Thingworx/Things/SensorDataStream/Properties/temperature';

type Run = { code: number | null; stdout: string; stderr: string };

function permsim(args: string[], node = process.execPath): Run {
  const r = spawnSync(node, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expectBadInput = (r: Run, pattern: RegExp) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('permsim check', () => {
  it('explains the seed question: 403 and the Thing-level deny that decided (§9.6)', () => {
    const r = permsim(['check', PLANT, '--as', 'alice', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^POST \/Thingworx\/Things\/SensorDataStream\/Services\/GetDataStream as alice\n403 Forbidden\n/,
    );
    expect(r.stdout).toContain(
      'Body: Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    );
    expect(r.stdout).toMatch(/Explanation:\n  1\. \[pass\] authentication: /);
    expect(r.stdout).toMatch(/\[FAIL\] runtime: /);
    expect(r.stdout).toContain(
      'decided: Deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
    );
    expect(r.stdout).toMatch(/see .*§9\.6/);
  });

  it('--json prints one object with status, body and the explanation steps', () => {
    const r = permsim(['check', PLANT, '--as', 'alice', TEMPERATURE, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: unknown;
      body: unknown;
      explanation: { kind: string; text: string }[];
    };
    expect(out.status).toBe(200);
    expect(typeof out.body).toBe('string');
    expect(Array.isArray(out.explanation)).toBe(true);
    expect(out.explanation[0]).toMatchObject({ kind: 'authentication' });
  });

  it('evaluates denials with exit 0: a locked user gets 401 (§9.1), an expired app key 401, a wrong method 405', () => {
    const locked = permsim(['check', PLANT, '--as', 'carol', TEMPERATURE, '--json']);
    expect(locked.code).toBe(0);
    expect(JSON.parse(locked.stdout).status).toBe(401);
    const key = permsim([
      'check',
      PLANT,
      '--app-key',
      'analyst-key',
      TEMPERATURE,
      '--json',
      '--at',
      '2026-06-01T00:00:00Z',
    ]);
    expect(key.code).toBe(0);
    expect(JSON.parse(key.stdout).status).toBe(401);
    const patch = permsim([
      'check',
      PLANT,
      '--as',
      'alice',
      'PATCH',
      '/Thingworx/Things/SensorDataStream',
      '--json',
    ]);
    expect(patch.code).toBe(0);
    expect(JSON.parse(patch.stdout).status).toBe(405);
  });

  it('works on a .permsim project too', () => {
    const project = join(dir, 'plant.permsim');
    // Build the project through the same code the app uses: serve is overkill, so use a tiny script.
    const script = `import { createHandlers } from ${JSON.stringify(join(ROOT, 'main', 'api', 'index.ts'))};
      import { readFileSync } from 'node:fs';
      const api = createHandlers({});
      let r = await api.dispatch('project:new', { path: ${JSON.stringify(project)} });
      if (r.ok) r = await api.dispatch('project:import-model', { text: readFileSync(${JSON.stringify(PLANT)}, 'utf8'), fileName: 'plant.yaml' });
      await api.close();
      if (!r.ok) { console.error(r.error.message); process.exit(1); }`;
    const file = join(dir, 'make-project.mts');
    writeFileSync(file, script);
    const made = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(made.stderr).toBe('');
    const r = permsim(['check', project, '--as', 'alice', SEED, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe(403);
  });

  it('an unknown user or key is answered as ThingWorx would (401), with a note (§3.11)', () => {
    const user = permsim(['check', PLANT, '--as', 'alicee', SEED]);
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/\n401 Unauthorized\n/);
    expect(user.stdout).toMatch(
      /Note: user 'alicee' is not in the model .*plant\.yaml; did you mean 'alice'\?\n$/,
    );
    const key = permsim(['check', PLANT, '--app-key', 'nokey', SEED, '--json']);
    expect(key.code).toBe(0);
    const out = JSON.parse(key.stdout) as { status: number; note: string };
    expect(out.status).toBe(401);
    expect(out.note).toMatch(/^application key 'nokey' is not in the model /);
  });

  it('bad input: one clear line on stderr naming what and where, exit 2, never a stack', () => {
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', 'GET /api/things']),
      /^permsim check: the call .*\/api\/things.* not a ThingWorx REST path/,
    );
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', 'FETCH /Thingworx/Things']),
      /the method must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS \(got "FETCH"\)/,
    );
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', TEMPERATURE, '--at', 'next tuesday']),
      /--at must be an ISO-8601 date-time .*\(got "next tuesday"\)/,
    );
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', TEMPERATURE, '--ip', '300.1.1.1']),
      /--ip must be an IPv4 or IPv6 address/,
    );
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', TEMPERATURE, '--body', '{nope']),
      /--body is not valid JSON/,
    );
    expectBadInput(
      permsim(['check', PLANT, TEMPERATURE]),
      /say who calls: --as USER, --app-key NAME, or --no-auth/,
    );
    expectBadInput(
      permsim(['check', PLANT, '--as', 'alice', 'GET']),
      /is not a call: expected METHOD PATH/,
    );
    expectBadInput(
      permsim(['check', join(dir, 'missing.yaml'), '--as', 'alice', SEED]),
      /No such file: .*missing\.yaml/,
    );
  });

  it('a malformed model file: the message names file:line:column', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'permsim: 1\nusers:\n  dave: { groups: [Operatros] }\n');
    const r = permsim(['check', bad, '--as', 'dave', SEED]);
    // An invalid model file exits 1 for every command, as for validate (README "Exit codes").
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:3:\d+: .*Operatros/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a garbage .permsim file is refused and left byte-for-byte untouched', () => {
    const bad = join(dir, 'x.permsim');
    writeFileSync(bad, Buffer.from('\u0000\u0001garbage bytes\u00ff'.repeat(50)));
    const before = readFileSync(bad);
    const r = permsim(['check', bad, '--as', 'alice', SEED]);
    expectBadInput(r, /not a PermSim project/);
    expect(readFileSync(bad).equals(before)).toBe(true);
  });
});

describe('permsim test', () => {
  it('runs the saved requests; last line is exactly "N passed, N failed"', () => {
    const r = permsim(['test', PLANT]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('prints each failure as expected vs actual with its explanation, and exits 1', () => {
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(
      wrong,
      readFileSync(PLANT, 'utf8').replace(
        'expect: 403, note: "§9.6 entity-level deny decides"',
        'expect: { status: 200, body: "ok" }, note: "wrong on purpose"',
      ),
    );
    const r = permsim(['test', wrong, PLANT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAIL .*wrong\.yaml:\d+ as alice POST \/Thingworx\/Things\/SensorDataStream\/Services\/GetDataStream {2}\(wrong on purpose\)\n/,
    );
    expect(r.stdout).toContain('  expected: status 200 and body containing "ok"\n');
    expect(r.stdout).toContain(
      '  actual:   403 Forbidden, body "Not authorized for ServiceInvoke on GetDataStream in SensorDataStream"\n',
    );
    expect(r.stdout).toMatch(/ {2}explanation:\n {4}1\. \[pass\] authentication/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('5 passed, 1 failed');
  });

  it('an invalid file fails the run', () => {
    const bad = join(dir, 'invalid.yaml');
    writeFileSync(bad, 'permsim: 1\nusres: {}\n');
    const r = permsim(['test', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /INVALID .*invalid\.yaml\n[\s\S]*invalid\.yaml:2:1: unknown top-level key 'usres'/,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed');
  });
});

describe('permsim validate', () => {
  it('valid files: exit 0', () => {
    const r = permsim(['validate', PLANT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plant.yaml: valid');
  });

  it('invalid files: every problem as file:line:column: message, exit 1', () => {
    const bad = join(dir, 'cycle.yaml');
    writeFileSync(
      bad,
      'permsim: 1\ngroups:\n  A: { memberOf: [B] }\n  B: { memberOf: [A] }\nusers:\n  u: { groups: [Nope] }\n',
    );
    const r = permsim(['validate', bad, PLANT]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    const problems = lines.filter(l => l.startsWith(bad));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) expect(p).toMatch(/^.*cycle\.yaml:\d+:\d+: \S/);
    expect(r.stdout).toContain('1 valid, 1 invalid');
  });

  it('a missing file is reported on stderr and fails', () => {
    const r = permsim(['validate', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*nope\.yaml: no such file/);
  });
});

describe('the permsim command', () => {
  it('--help lists the commands, and an unknown command is a usage error', () => {
    const r = permsim(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['check', 'test', 'validate', 'serve']) expect(r.stdout).toContain(c);
    const bad = permsim(['chekc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'chekc'/);
  });

  it('re-executes itself under the pinned Node 24 when started by an older node', () => {
    const system = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
    const major = Number(/^v(\d+)/.exec(system.stdout ?? '')?.[1] ?? 0);
    // The system node here is 20; where it is already >= 22 the bin simply runs without re-exec.
    expect(system.status).toBe(0);
    const r = permsim(['check', PLANT, '--as', 'alice', SEED, '--json'], '/usr/bin/node');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe(403);
    expect(major).toBeGreaterThan(0);
  });

  it('serve prints the loopback URL with its secret and answers the API with it', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'serve', PLANT, '--data-dir', join(dir, 'data'), '--port', '0'],
      { cwd: ROOT },
    );
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 30_000);
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?secret=\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            done(m[1]!);
          }
        });
        child.on('exit', code => fail(new Error(`serve exited with ${code}: ${out}`)));
      });
      const u = new URL(url);
      const res = await fetch(`${u.origin}/api/project:info`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-permsim-secret': u.searchParams.get('secret')!,
        },
        body: '{}',
      });
      const body = (await res.json()) as { ok: boolean; value?: { modelName: string } };
      expect(body).toMatchObject({ ok: true, value: { modelName: 'Test plant' } });
    } finally {
      const exited = new Promise(done => child.on('exit', done));
      child.kill('SIGINT');
      await exited;
    }
  });
});

describe('permsim whatif', () => {
  const DEMO = join(ROOT, 'assets', 'demos', 'sensor-datastream.yaml');
  const SCENARIO = join(ROOT, 'assets', 'demos', 'scenarios', 'analysts-get-datastream.yaml');

  it('prints the changed cells with both explanations and the blast radius (docs/whatif.md)', () => {
    const r = permsim(['whatif', DEMO, SCENARIO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /gained\s+alice\s+POST \/Thingworx\/Things\/SensorDataStream\/Services\/GetDataStream\s+403 -> 200/,
    );
    expect(r.stdout).toMatch(/why before: /);
    expect(r.stdout).toMatch(
      /Blast radius \(largest first\):\n {2}1\. gained 403 -> 200: user:alice x Things\/SensorDataStream x ServiceInvoke \(1 cell\)/,
    );
  });

  it('--summary gives counts, the blast radius and the changed cells without explanations, over the affected scope', () => {
    const r = permsim(['whatif', DEMO, SCENARIO, '--summary', '--affected']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Summary: 2 cells change \(gained 2, revoked 0, changed 0, unknown 0\); \d+ of \d+ cells in scope compared/,
    );
    // Every credential: alice, and her key analyst-key from inside its allowlist, counted apart (§3.9).
    expect(r.stdout).toContain(
      'By caller: alice: 1 call; via key analyst-key from 10.1.0.0/16: 1 call.',
    );
    expect(r.stdout).toMatch(
      /1\. gained 403 -> 200: appKey:analyst-key@10\.1\.0\.0\/16, user:alice x Things\/SensorDataStream x ServiceInvoke \(2 cells\)/,
    );
    expect(r.stdout).not.toMatch(/why before/);
    const j = permsim(['whatif', DEMO, SCENARIO, '--summary', '--affected', '--json']);
    expect(j.code).toBe(0);
    const v = JSON.parse(j.stdout) as {
      counts: { total: number };
      cells: { call: string }[];
      route: string;
      moreCells: boolean;
    };
    expect(v.counts.total).toBe(2);
    expect(v.cells.map(c => c.call)).toEqual([
      `POST /Thingworx/Things/SensorDataStream/Services/GetDataStream`,
      `POST /Thingworx/Things/SensorDataStream/Services/GetDataStream`,
    ]);
    expect(v.moreCells).toBe(false);
  });

  it('--summary with only the run-time entry change compares by classes, and agrees with the full diff', () => {
    const file = join(dir, 'entry-only.yaml');
    writeFileSync(
      file,
      [
        'scenario: Analysts may invoke GetDataStream',
        'changes:',
        '  - remove: { thing: SensorDataStream, runtime: { deny: ServiceInvoke, resource: GetDataStream, principal: group:DataAnalysts } }',
        '',
      ].join('\n'),
    );
    const s = permsim(['whatif', DEMO, file, '--summary', '--affected', '--json']);
    expect(s.stderr).toBe('');
    const sum = JSON.parse(s.stdout) as { counts: unknown; route: string; blastRadius: unknown };
    const f = JSON.parse(permsim(['whatif', DEMO, file, '--affected', '--json']).stdout) as {
      diff: { counts: unknown; blastRadius: unknown };
    };
    expect(sum.route).toBe('classes');
    expect(sum.counts).toEqual(f.diff.counts);
    expect(sum.blastRadius).toEqual(f.diff.blastRadius);
  });

  it('refuses a --step outside the scenario with one line', () => {
    expectBadInput(
      permsim(['whatif', DEMO, SCENARIO, '--step', '9']),
      /--step must be a whole number from 0 to 3/,
    );
  });
});
