import { describe, expect, it } from 'vitest';
import {
  formatLocatedEntry,
  parsePrincipal,
  parseVisibilityPrincipal,
} from '../../../renderer/src/lib/entries';
import { refToSelection } from '../../../renderer/src/lib/refs';
import { shortcutFor } from '../../../renderer/src/lib/shortcuts';
import { checkName, renameEdit, splitNames } from '../../../renderer/src/lib/edit-builders';
import { checkExpectation, savedToRestRequest } from '../../../renderer/src/lib/saved-requests';
import type { Decision } from '../../../shared/model/decision';

describe('entry notation (model-format.md, §10)', () => {
  it('prints a located run-time entry the way the worked examples write it', () => {
    const line = formatLocatedEntry({
      kind: 'ServiceInvoke',
      resource: 'GetDataStream',
      allow: false,
      principal: { type: 'group', name: 'DataAnalysts' },
      at: { level: 'entity', entity: 'SensorDataStream', collection: 'Things' },
    });
    expect(line).toBe(
      'entity(SensorDataStream) · ServiceInvoke · GetDataStream · Deny · group:DataAnalysts',
    );
  });
  it('prints a visibility grant with its unit', () => {
    expect(
      formatLocatedEntry({
        type: 'unit',
        org: 'Plant',
        unit: 'LineA',
        at: { level: 'instance', template: 'SensorTemplate' },
      }),
    ).toBe('instance(SensorTemplate) · Visibility · unit:Plant:LineA');
  });
  it('reads principals with their type prefix; a bare name is a user', () => {
    expect(parsePrincipal('group:Operators')).toEqual({
      ok: true,
      value: { type: 'group', name: 'Operators' },
    });
    expect(parsePrincipal('alice')).toEqual({ ok: true, value: { type: 'user', name: 'alice' } });
    expect(parsePrincipal('org:Plant').ok).toBe(false);
    expect(parseVisibilityPrincipal('unit:Plant:LineA')).toEqual({
      ok: true,
      value: { type: 'unit', org: 'Plant', unit: 'LineA' },
    });
    expect(parseVisibilityPrincipal('group:Ops').ok).toBe(false);
  });
});

describe('links from explanation steps', () => {
  it('a unit selects its organization; an option selects nothing', () => {
    expect(refToSelection({ type: 'unit', org: 'Plant', name: 'LineA' })).toEqual({
      kind: 'organization',
      name: 'Plant',
    });
    expect(refToSelection({ type: 'option', name: 'precedence' })).toBeNull();
    expect(
      refToSelection({ type: 'other', collection: 'Resources', name: 'EntityServices' }),
    ).toEqual({ kind: 'other', name: 'Resources/EntityServices' });
  });
});

describe('undo and redo keys', () => {
  const k = (
    key: string,
    mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; targetIsText: boolean }>,
  ) =>
    shortcutFor({
      key,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      targetIsText: false,
      ...mods,
    });
  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo', () => {
    expect(k('z', { ctrlKey: true })).toBe('undo');
    expect(k('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(k('y', { ctrlKey: true })).toBe('redo');
    expect(k('z', { metaKey: true })).toBe('undo');
  });
  it('leaves text fields their own undo, and plain z alone', () => {
    expect(k('z', { ctrlKey: true, targetIsText: true })).toBeNull();
    expect(k('z', {})).toBeNull();
  });
});

describe('edit builders', () => {
  it('rename edits per kind', () => {
    expect(renameEdit('template', 'A', 'B')).toEqual({
      type: 'rename-template',
      name: 'A',
      to: 'B',
    });
  });
  it('reads a comma list of groups', () => {
    expect(splitNames('Operators, DataAnalysts,,Operators')).toEqual(['Operators', 'DataAnalysts']);
  });
  it('refuses names that cannot appear in a REST path', () => {
    expect(checkName('Thing', 'Pump/1')).toContain('"/"');
    expect(checkName('Thing', '')).toContain('Give the Thing a name');
    expect(checkName('Thing', 'Pump1')).toBeNull();
  });
});

describe('saved requests', () => {
  const decision = (status: number, body = ''): Decision => ({
    status,
    outcome: status === 200 ? 'allowed' : 'denied',
    body,
    explanation: [],
    deciding: { step: 'runtime', where: 'entity:S', effect: 'deny' },
    unknowns: [],
    optionsUsed: [],
  });
  it('become requests with the saved credentials', () => {
    const r = savedToRestRequest({ appKey: 'k1', call: 'GET /Thingworx/Things/S' });
    expect(r.ok && r.request.credentials).toEqual({ type: 'appKey', key: 'k1', via: 'header' });
  });
  it('pass when the status matches and fail with expected vs actual otherwise', () => {
    const s = {
      as: 'alice',
      call: 'POST /Thingworx/Things/S/Services/GetDataStream',
      expect: { status: 403 },
    };
    expect(checkExpectation(s, decision(403)).verdict).toBe('pass');
    const failed = checkExpectation(s, decision(200));
    expect(failed.verdict).toBe('fail');
    expect(failed.reason).toMatch(/^expected status 403; got status 200/);
    expect(checkExpectation({ as: 'a', call: 'GET /x' }, decision(200)).verdict).toBe('none');
  });
});
