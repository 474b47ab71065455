/**
 * The command line's contract (README "Exit codes"): 0 done, 1 an invalid file or a failed
 * expectation, 2 the command used wrongly, the same for every command; `--json` always prints one
 * JSON object, an error object for invalid input; a guessed status is marked `statusKnown: false`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';

const ROOT = resolve(__dirname, '..', '..', '..');
const DEMO = join(ROOT, 'assets', 'demos', 'sensor-datastream.yaml');
const SCENARIO = join(ROOT, 'assets', 'demos', 'scenarios', 'analysts-get-datastream.yaml');

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
let invalid: string;
let badScenario: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-contract-'));
  invalid = join(dir, 'invalid.yaml');
  writeFileSync(invalid, 'permsim: 1\nusers: { a: { groups: [Nope, Nada] } }\n');
  badScenario = join(dir, 'bad-scenario.yaml');
  writeFileSync(badScenario, 'scenario: s\nchanges: 3\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneJsonObject = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  const value = JSON.parse(stdout) as Record<string, unknown>;
  expect(typeof value).toBe('object');
  return { value, lines };
};

describe('CLI contract', () => {
  it('an invalid model exits 1 for validate, check, test, whatif and report alike', async () => {
    const codes = await Promise.all([
      permsim('validate', invalid),
      permsim('check', invalid, '--as', 'a', 'GET /Thingworx/Things'),
      permsim('test', invalid),
      permsim('whatif', invalid, SCENARIO),
      permsim('report', invalid, '--format', 'csv', '-o', join(dir, 'r.csv')),
    ]);
    expect(codes.map(c => c.code)).toEqual([1, 1, 1, 1, 1]);
  });

  it('check --json on an invalid model prints one error object with every problem', async () => {
    const r = await permsim('check', invalid, '--as', 'a', 'GET /Thingworx/Things', '--json');
    expect(r.code).toBe(1);
    const { value } = oneJsonObject(r.stdout);
    expect(value).toEqual({
      error: {
        code: 'model-invalid',
        message: `${invalid} has 2 errors:`,
        problems: [
          expect.objectContaining({
            file: invalid,
            line: 2,
            path: 'users.a.groups[0]',
            message: "group 'Nope' is not declared",
          }),
          expect.objectContaining({ path: 'users.a.groups[1]' }),
        ],
      },
    });
  });

  it('--json usage errors and bad calls are error objects too, exit 2', async () => {
    for (const args of [
      ['check', DEMO, '--bogus', '--json'],
      ['check', DEMO, '--as', 'alice', 'GET /api/things', '--json'],
      ['check', DEMO, '--as', 'alice', 'GET /Thingworx/Things', '--at', 'tuesday', '--json'],
      ['whatif', DEMO, join(dir, 'missing.yaml'), '--json'],
    ]) {
      const r = await permsim(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      const { value } = oneJsonObject(r.stdout);
      expect(value).toMatchObject({ error: { code: expect.any(String), problems: [] } });
      expect(String((value.error as { message: string }).message)).not.toMatch(/\n/);
    }
  });

  it('whatif --json on an invalid scenario is an error object, exit 1', async () => {
    const r = await permsim('whatif', DEMO, badScenario, '--json');
    expect(r.code).toBe(1);
    const { value } = oneJsonObject(r.stdout);
    expect(value).toMatchObject({ error: { code: 'scenario-invalid' } });
  });

  it('a status that is a documented guess is marked statusKnown: false, and said so in text', async () => {
    // A context-manager service error: its HTTP status is not documented (§10.24), 500 is a guess.
    const FACTORY = join(ROOT, 'assets', 'demos', 'smart-factory.yaml');
    const args = [
      'check',
      FACTORY,
      '--as',
      'Administrator',
      'POST /Thingworx/Things/PTC.SCA.SCO.DefaultContextManager/Services/GrantUserPermissionsOnEntities',
      '--body',
      JSON.stringify({
        entities: [{ Name: 'MixLine', Type: 'Equipment' }],
        permissionType: 'read',
        userNames: [{ UserName: 'op1' }],
      }),
    ];
    const json = await permsim(...args, '--json');
    const value = JSON.parse(json.stdout) as { status: number; statusKnown: boolean };
    expect(value.status).toBe(500);
    expect(value.statusKnown).toBe(false);
    const text = await permsim(...args);
    expect(text.stdout).toMatch(/\n500 \(a documented guess, not known/);
    const known = await permsim(
      'check',
      DEMO,
      '--as',
      'alice',
      'GET /Thingworx/Things/SensorDataStream/Properties/temperature',
      '--json',
    );
    expect((JSON.parse(known.stdout) as { statusKnown: boolean }).statusKnown).toBe(true);
  });
});
