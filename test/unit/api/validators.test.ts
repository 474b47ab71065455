import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../../../shared/contract';
import type { ApiName } from '../../../shared/contract';
import { validateArgs } from '../../../main/api/validators';

const request = {
  method: 'GET',
  path: '/Thingworx/Things/T1/Properties/p',
  credentials: { type: 'basic', user: 'bob' },
};

const expectInvalid = (name: ApiName, args: unknown, message: string | RegExp) => {
  const r = validateArgs(name, args);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('invalid-argument');
    if (typeof message === 'string') expect(r.error.message).toBe(message);
    else expect(r.error.message).toMatch(message);
  }
};

describe('argument validators', () => {
  it('every call refuses a non-object and an unknown key', () => {
    for (const name of API_NAMES) {
      const r = validateArgs(name, 42);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(`${name}: the arguments must be an object (got 42)`);
      const extra = validateArgs(name, { bogus: 1 });
      expect(extra.ok, name).toBe(false);
      if (!extra.ok)
        expect(extra.error.message).toMatch(new RegExp(`^${name}: .*unknown key "bogus"`));
    }
  });

  it('engine:ask names the method it refuses and the methods it accepts', () => {
    expectInvalid(
      'engine:ask',
      { request: { ...request, method: 'FETCH' } },
      'engine:ask: request.method must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS (got "FETCH")',
    );
  });

  it('engine:ask accepts a lower-case method and normalises it', () => {
    const r = validateArgs('engine:ask', { request: { ...request, method: 'post' } });
    expect(r.ok && r.value.request.method).toBe('POST');
  });

  it('engine:ask: missing request, credentials type, user, time, IP and path are each reported where they are', () => {
    expectInvalid('engine:ask', {}, 'engine:ask: request is required (an object)');
    expectInvalid(
      'engine:ask',
      { request: { ...request, credentials: { type: 'token' } } },
      'engine:ask: request.credentials.type must be one of none, basic, appKey (got "token")',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, credentials: { type: 'basic' } } },
      'engine:ask: request.credentials.user is required (a name)',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, credentials: { type: 'basic', user: '' } } },
      'engine:ask: request.credentials.user must be a non-empty name (got "")',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, at: '31/12/2026' } },
      'engine:ask: request.at must be an ISO-8601 date-time with a zone, such as 2026-01-01T00:00:00Z (got "31/12/2026")',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, clientIp: '10.1.2' } },
      'engine:ask: request.clientIp must be an IPv4 or IPv6 address such as 10.1.2.3 (got "10.1.2")',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, path: 'Things/T1' } },
      'engine:ask: request.path must be a REST path starting with /Thingworx/ (got "Things/T1")',
    );
    expectInvalid(
      'engine:ask',
      { request: { ...request, credentials: { type: 'appKey', key: 'k', via: 'cookie' } } },
      'engine:ask: request.credentials.via must be one of header, query (got "cookie")',
    );
  });

  it('engine:ask lists every problem at once', () => {
    const r = validateArgs('engine:ask', { request: { ...request, method: 'FETCH', at: 'soon' } });
    expect(!r.ok && r.error.message.split('; ')).toHaveLength(2);
  });

  it('model:edit: unknown edit type, misspelt kind, bad level and bad principal type', () => {
    expectInvalid(
      'model:edit',
      { edit: { type: 'add-usr', name: 'x' } },
      /^model:edit: edit\.type must be one of add-user, rename-user, .* \(got "add-usr"\)$/,
    );
    const target = { level: 'entity', collection: 'Things', name: 'T1' };
    const entry = {
      family: 'runtime',
      kind: 'PropertyReed',
      resource: '*',
      principal: { type: 'group', name: 'Ops' },
      allow: true,
    };
    expectInvalid(
      'model:edit',
      { edit: { type: 'add-entry', target, entry } },
      'model:edit: edit.entry.kind must be one of PropertyRead, PropertyWrite, ServiceInvoke, EventInvoke, EventSubscribe (got "PropertyReed")',
    );
    expectInvalid(
      'model:edit',
      {
        edit: {
          type: 'add-entry',
          target: { level: 'thing', name: 'T1' },
          entry: { ...entry, kind: 'PropertyRead' },
        },
      },
      'model:edit: edit.target.level must be one of entity, instance, shape, collection (got "thing")',
    );
    expectInvalid(
      'model:edit',
      { edit: { type: 'add-membership', member: { type: 'org', name: 'x' }, group: 'G' } },
      'model:edit: edit.member.type must be one of user, group (got "org")',
    );
    expectInvalid(
      'model:edit',
      {
        edit: {
          type: 'add-entry',
          target: { level: 'collection', collection: 'Thing' },
          entry: { ...entry, kind: 'PropertyRead' },
        },
      },
      /edit\.target\.collection must be one of Things, ThingTemplates, .* \(got "Thing"\)$/,
    );
  });

  it('project, model and engine calls: paths, names, formats and kinds', () => {
    expectInvalid(
      'project:open',
      { path: '' },
      'project:open: path must be a non-empty file path (got "")',
    );
    expectInvalid('project:new', {}, 'project:new: path is required (a file path)');
    expectInvalid(
      'project:save-as',
      { path: 7 },
      'project:save-as: path must be a file path (got 7)',
    );
    expectInvalid(
      'project:import-model',
      { text: 'x' },
      'project:import-model: fileName is required (a file name)',
    );
    expectInvalid(
      'project:export-model',
      { format: 'xml' },
      'project:export-model: format must be one of yaml, json (got "xml")',
    );
    expectInvalid(
      'model:outline',
      { search: 3 },
      'model:outline: search must be a search text (got 3)',
    );
    expectInvalid(
      'model:element',
      { kind: 'widget', name: 'x' },
      /^model:element: kind must be one of user, group, .* \(got "widget"\)$/,
    );
    expectInvalid(
      'engine:suggest-calls',
      {},
      'engine:suggest-calls: text is required (the call text typed so far)',
    );
    expectInvalid(
      'engine:effective-table',
      { user: 'bob', collection: 'Things' },
      'engine:effective-table: entity is required (a name)',
    );
    expectInvalid(
      'model:validate',
      { text: 'permsim: 1' },
      'model:validate: fileName is required (a file name)',
    );
  });

  it('calls without arguments accept {} and undefined', () => {
    for (const name of [
      'project:info',
      'project:recent',
      'apps:contexts',
      'model:undo',
      'model:redo',
      'model:requests',
    ] as const) {
      expect(validateArgs(name, {}).ok).toBe(true);
      expect(validateArgs(name, undefined).ok).toBe(true);
    }
  });
});
