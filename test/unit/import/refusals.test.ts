// Refusals with advice, all or nothing (issue form 8), and conflicts between files (form 7).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY_EXPORT_ADVICE, importSources } from '../../../shared/import';
import type { ImportSource, OnConflict } from '../../../shared/import';
import { normaliseAllowlist, normaliseExpiry } from '../../../shared/import';

const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'import');
const enc = (s: string) => new TextEncoder().encode(s);
const src = (path: string, text: string): ImportSource => ({ path, bytes: enc(text) });
const GOOD = src('good.xml', '<Entities><Things><Thing name="T1"/></Things></Entities>');
const run = (sources: ImportSource[], onConflict: OnConflict = 'fail') =>
  importSources(sources, { onConflict });

describe('refusals: nothing half-imported', () => {
  it('refuses a binary .twx export (LZ4 block header) with the advice', () => {
    const twx = new Uint8Array([...enc('LZ4Block'), 0x26, 0x10, 0, 0, 0xff, 0xfe, 0x00, 0x81]);
    const r = run([GOOD, { path: 'export.twx', bytes: twx }]);
    expect(r.ok).toBe(false);
    expect(r.report.refusals).toEqual([{ file: 'export.twx', message: BINARY_EXPORT_ADVICE }]);
    expect(BINARY_EXPORT_ADVICE).toContain('Export > To File, XML');
  });

  it('refuses an LZ4 frame too, whatever the file is called', () => {
    const r = run([{ path: 'x.xml', bytes: new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40]) }]);
    expect(r.report.refusals[0]?.message).toBe(BINARY_EXPORT_ADVICE);
  });

  it('refuses a file that is neither XML nor JSON, and other binary data', () => {
    const r = run([
      src('notes.txt', 'Things: T1, T2\n'),
      { path: 'img.bin', bytes: new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]) },
    ]);
    expect(r.ok).toBe(false);
    expect(r.report.refusals.map(x => x.file)).toEqual(['notes.txt', 'img.bin']);
    expect(r.report.refusals[0]?.message).toMatch(/neither XML nor JSON/);
    expect(r.report.refusals[1]?.message).toMatch(/not a text file/);
  });

  it('refuses truncated XML with the file, line and column where it ends', () => {
    const text = '<Entities>\n  <Things>\n    <Thing name="T1">\n      <RunTimePermissions>';
    const r = run([src('cut.xml', text)]);
    expect(r.ok).toBe(false);
    expect(r.report.refusals).toEqual([
      {
        file: 'cut.xml',
        line: 4,
        column: 27,
        message: expect.stringMatching(
          /ends while <RunTimePermissions> is still open: it looks truncated/,
        ),
      },
    ]);
  });

  it('refuses malformed XML with line and column', () => {
    const r = run([src('bad.xml', '<Entities>\n<Things></Thing>\n</Entities>')]);
    expect(r.report.refusals[0]).toMatchObject({ file: 'bad.xml', line: 2 });
    expect(r.report.refusals[0]?.message).toMatch(/not well-formed XML/);
  });

  it('refuses a DOCTYPE and entity declarations (no XXE, no expansion), wherever they are', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE Entities [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Entities><Things><Thing name="&x;"/></Things></Entities>';
    const r = run([src('xxe.xml', xxe)]);
    expect(r.ok).toBe(false);
    expect(r.report.refusals[0]).toMatchObject({ file: 'xxe.xml', line: 2, column: 1 });
    expect(r.report.refusals[0]?.message).toMatch(/DOCTYPE/);
    const inner = run([src('inner.xml', '<Entities>\n  <!DOCTYPE x>\n</Entities>')]);
    expect(inner.report.refusals[0]).toMatchObject({ line: 2, column: 3 });
    // The same text inside CDATA is only text.
    const cdata = run([
      src(
        'c.xml',
        '<Entities><Mashups><Mashup name="M"><mashupContent><![CDATA[<!DOCTYPE html>]]></mashupContent></Mashup></Mashups></Entities>',
      ),
    ]);
    expect(cdata.ok).toBe(true);
  });

  it('refuses invalid JSON with the position', () => {
    const r = run([src('t.json', '{\n  "name": "T1",\n  "thingTemplate": \n}')]);
    expect(r.ok).toBe(false);
    expect(r.report.refusals[0]).toMatchObject({ file: 't.json', line: 4 });
  });

  it('skips an XML file whose root is not an export, with the reason', () => {
    const r = run([GOOD, src('pom.xml', '<project><modelVersion>4.0.0</modelVersion></project>')]);
    expect(r.ok).toBe(true);
    expect(r.report.files.skipped).toEqual([
      { file: 'pom.xml', reason: expect.stringMatching(/root element <project>/) },
    ]);
  });
});

describe('conflicts between files (form 7)', () => {
  const files = ['a.xml', 'b.xml'].map(f => ({
    path: `conflicts/${f}`,
    bytes: readFileSync(join(ROOT, 'conflicts', f)),
  }));

  it('fails by default with the entity, both places and what differs', () => {
    const r = run(files);
    expect(r.ok).toBe(false);
    expect(r.report.conflicts).toEqual([
      {
        entity: 'Things/Shared',
        part: 'run-time permissions',
        places: ['conflicts/a.xml:1', 'conflicts/b.xml:3'],
        values: ['["PropertyRead * allow Group:Users"]', '["PropertyRead * deny Group:Users"]'],
      },
    ]);
  });

  it('keeps the first or the last file when told so', () => {
    const first = run(files, 'first');
    const last = run(files, 'last');
    expect(first.ok && first.model.things['Shared']?.permissions.runtime[0]?.allow).toBe(true);
    expect(last.ok && last.model.things['Shared']?.permissions.runtime[0]?.allow).toBe(false);
    expect(last.report.conflicts[0]?.kept).toBe('last');
  });

  it('does not call a re-ordered but equal block a conflict (§6.3)', () => {
    const a = src(
      'a.xml',
      '<Entities><Things><Thing name="T"><RunTimePermissions><Permissions resourceName="*"><PropertyRead><Principal isPermitted="true" name="A" type="Group"/><Principal isPermitted="true" name="B" type="Group"/></PropertyRead></Permissions></RunTimePermissions></Thing></Things><Groups><Group name="A"/><Group name="B"/></Groups></Entities>',
    );
    const b = src(
      'b.xml',
      '<Entities><Things><Thing name="T"><RunTimePermissions><Permissions resourceName="*"><PropertyRead><Principal isPermitted="true" name="B" type="Group"/><Principal isPermitted="true" name="A" type="Group"/></PropertyRead><ServiceInvoke/></Permissions></RunTimePermissions></Thing></Things></Entities>',
    );
    const r = run([a, b]);
    expect(r.report.conflicts).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('merges an empty <Members> with a filled one without a conflict (§6.6)', () => {
    const a = src(
      'a.xml',
      '<Entities><Groups><Group name="G"><Members><Members><Member name="u" type="User"/></Members></Members></Group></Groups><Users><User name="u"/></Users></Entities>',
    );
    const b = src(
      'b.xml',
      '<Entities><Groups><Group name="G"><Members><Members/></Members></Group></Groups></Entities>',
    );
    const r = run([a, b]);
    expect(r.ok && r.model.users['u']?.groups).toEqual(['G', 'Users']);
  });
});

describe('application keys: expiry in any time-zone form, IP allowlist', () => {
  it.each([
    ['2027-03-01T12:00:00.000Z', '2027-03-01T12:00:00.000Z'],
    ['2027-03-01T12:00:00.000+01:00', '2027-03-01T11:00:00.000Z'],
    ['2027-03-01T12:00:00+0100', '2027-03-01T11:00:00.000Z'],
    ['2027-03-01T12:00:00-05', '2027-03-01T17:00:00.000Z'],
    ['2027-03-01 12:00:00 UTC', '2027-03-01T12:00:00.000Z'],
    ['1798761600000', '2027-01-01T00:00:00.000Z'],
    ['2027-03-01', '2027-03-01T00:00:00.000Z'],
  ])('%s is %s', (raw, iso) => {
    expect(normaliseExpiry(raw).value).toBe(iso);
  });

  it('says when it assumed UTC and when it could not read a date', () => {
    expect(normaliseExpiry('2027-03-01T12:00:00').note).toMatch(/no time zone; read as UTC/);
    expect(normaliseExpiry('next tuesday')).toEqual({
      note: expect.stringMatching(/not a date PermSim can read/),
    });
  });

  it('turns wildcards into CIDR blocks and never opens a key by dropping entries', () => {
    const notes: string[] = [];
    expect(
      normaliseAllowlist(['10.1.*', '192.168.1.7', '10.0.0.0/8', '::1'], n => notes.push(n)),
    ).toEqual(['10.1.0.0/16', '192.168.1.7', '10.0.0.0/8', '::1']);
    expect(notes).toEqual([]);
    expect(normaliseAllowlist(['10.0.0.1-10.0.0.9'], n => notes.push(n))).toEqual([
      '255.255.255.255/32',
    ]);
    expect(notes.join(' ')).toMatch(/cannot be simulated/);
  });
});
