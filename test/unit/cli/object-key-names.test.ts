/**
 * Names are data: the reproductions, run through the real command line (in process).
 * `constructor`, `__proto__`, `toString` are ordinary names: declared, they work; undeclared, they
 * are "not found" (404, 401 for a caller, a model error for a reference), never an engine error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';

const ROOT = resolve(__dirname, '..', '..', '..');
const DEMO = join(ROOT, 'assets', 'demos', 'sensor-datastream.yaml');

async function permsim(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: t => void (stdout += t),
    err: t => void (stderr += t),
    errIsTTY: false,
  });
  return { code, stdout, stderr };
}

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noEngineText = (s: string) =>
  expect(s).not.toMatch(/failed unexpectedly|internal error|is not iterable|Cannot read/);

describe('element names that are object keys (CLI)', () => {
  it('an undeclared Thing "constructor" is 404 Not Found, even for Administrator', async () => {
    const r = await permsim(
      'check',
      DEMO,
      '--as',
      'Administrator',
      'GET /Thingworx/Things/constructor',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GET \/Thingworx\/Things\/constructor as Administrator\n404 /);
    expect(r.stdout).not.toContain('Things/constructor exists');
    expect(r.stdout).toContain('Things has no entity named "constructor"');
  });

  it('a property of an undeclared Thing "constructor" is 404 for alice, not an engine error', async () => {
    const r = await permsim(
      'check',
      DEMO,
      '--as',
      'alice',
      'GET /Thingworx/Things/constructor/Properties/x',
    );
    noEngineText(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n404 /);
  });

  it('?appKey=__proto__ is an invalid application key: 401', async () => {
    const r = await permsim('check', DEMO, '--no-auth', 'GET /Thingworx/Things?appKey=__proto__');
    noEngineText(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n401 /);
    expect(r.stdout).toContain('Application key "__proto__" does not exist');
  });

  it('Basic auth as an undeclared "constructor" is 401 "User name is invalid", not "disabled"', async () => {
    const r = await permsim(
      'check',
      DEMO,
      '--as',
      'constructor',
      'GET /Thingworx/Things',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: number; explanation: { text: string }[] };
    expect(out.status).toBe(401);
    expect(out.explanation[0]?.text).toContain('User "constructor" does not exist');
  });

  it('users named constructor and __proto__ load and log in; neither is dropped', async () => {
    const m = file(
      'users.yaml',
      'permsim: 1\nusers:\n  constructor: {}\n  __proto__: { groups: [Ops] }\ngroups: { Ops: {} }\n',
    );
    expect((await permsim('validate', m)).code).toBe(0);
    for (const user of ['constructor', '__proto__']) {
      const r = await permsim('check', m, '--as', user, 'GET /Thingworx/Things', '--json');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { status: number }).status).toBe(200);
    }
  });

  it('an undeclared template "toString" is a model error at its place', async () => {
    const m = file('tpl.yaml', 'permsim: 1\nthings: { T: { template: toString } }\n');
    const r = await permsim('validate', m);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/tpl\.yaml:2:\d+:? .*template 'toString' is not declared/);
    noEngineText(r.stdout + r.stderr);
  });

  it('an undeclared group "constructor" is refused', async () => {
    const m = file('grp.yaml', 'permsim: 1\nusers: { a: { groups: [constructor] } }\n');
    const r = await permsim('validate', m);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("group 'constructor' is not declared");
  });

  it('report --entity toString names no Thing of the model', async () => {
    const out = join(dir, 'r.csv');
    const r = await permsim('report', DEMO, '--format', 'csv', '-o', out, '--entity', 'toString');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no Thing named 'toString'");
    expect(() => readFileSync(out)).toThrow();
  });
});
