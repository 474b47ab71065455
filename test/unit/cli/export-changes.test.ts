/**
 * `permsim export-changes`: through the handler map's `whatif:export-changes`; exit 0 exported, 2 bad
 * input with one clear line (docs/export-changes.md).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';

const ROOT = resolve(__dirname, '..', '..', '..');
const DEMO = join(ROOT, 'assets/demos/sensor-datastream.yaml');
const SCENARIO = join(ROOT, 'assets/demos/scenarios/analysts-get-datastream.yaml');
const dir = mkdtempSync(join(tmpdir(), 'permsim-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function permsim(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: t => void (stdout += t), err: t => void (stderr += t), errIsTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('permsim export-changes', () => {
  it('writes the script to -o and says how many calls; the file starts with the header', async () => {
    const out = join(dir, 'grant.sh');
    const r = await permsim(['export-changes', DEMO, SCENARIO, '--format', 'script', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out} (script: 3 calls; 0 change(s) not exported)\n`);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').slice(0, 4)).toEqual([
      '#!/bin/sh',
      '# PermSim export (script)',
      '# Scenario: Give analysts the data stream service',
      `# Baseline: ${DEMO}`,
    ]);
    expect(text).toContain("'/Thingworx/Things/SensorDataStream/Services/DeleteRunTimePermission'");
  });

  it('prints to stdout without -o; --inverse gives the undo', async () => {
    const r = await permsim(['export-changes', DEMO, SCENARIO, '--format', 'postman', '--inverse']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { info: { name: string }; item: unknown[] };
    expect(c.info.name).toBe('Undo: Give analysts the data stream service (PermSim)');
    expect(c.item).toHaveLength(5);
  });

  it('names the changes it could not export on stderr', async () => {
    const sc = join(dir, 'flags.yaml');
    writeFileSync(
      sc,
      'scenario: unlock carol\nchanges:\n  - set: { user: carol, locked: false }\n  - add: { member: user:dana, group: Operators }\n',
    );
    const out = join(dir, 'flags.sh');
    const r = await permsim(['export-changes', DEMO, sc, '--format', 'script', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(script: 1 call; 1 change(s) not exported)');
    expect(r.stderr).toMatch(/^- not exported: change 1 \(set user carol locked=false\)/);
  });

  it('bad input: exit 2 and one line naming what and where', async () => {
    const cases: [string[], RegExp][] = [
      [[DEMO, SCENARIO], /--format is required: one of script, xml, postman/],
      [
        [DEMO, SCENARIO, '--format', 'pdf'],
        /--format must be one of script, xml, postman, got 'pdf'/,
      ],
      [
        [DEMO, join(dir, 'missing.yaml'), '--format', 'xml'],
        /cannot read the scenario .*no such file/,
      ],
      [[join(dir, 'missing.yaml'), SCENARIO, '--format', 'xml'], /missing\.yaml/],
    ];
    for (const [args, pattern] of cases) {
      const r = await permsim(['export-changes', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const sc = join(dir, 'bad.yaml');
    writeFileSync(
      sc,
      'scenario: bad\nchanges:\n  - add: { thing: Nope, runtime: { allow: PropertyRead, principal: group:Operators } }\n',
    );
    const r = await permsim(['export-changes', DEMO, sc, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `permsim export-changes: ${sc}: changes[0]: change 1 (add allow PropertyRead on * for group:Operators at Things/Nope): Thing 'Nope' does not exist\n`,
    );
  });
});
