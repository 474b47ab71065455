import { describe, expect, it } from 'vitest';
import { parseCall, parseCallLine } from '../../../shared/rest/parse';

describe('parseCall (§5.1, §5.10)', () => {
  it('maps GET/PUT on a property to PropertyRead/PropertyWrite operations', () => {
    expect(parseCall('GET', '/Thingworx/Things/T1/Properties/temperature')).toMatchObject({
      ok: true,
      call: {
        method: 'GET',
        operation: { op: 'property-read', collection: 'Things', entity: 'T1', name: 'temperature' },
      },
    });
    expect(parseCall('put', '/Thingworx/Things/T1/Properties/temperature')).toMatchObject({
      ok: true,
      call: { method: 'PUT', operation: { op: 'property-write' } },
    });
  });

  it('maps POST on services and events', () => {
    expect(
      parseCall('POST', '/Thingworx/Resources/CurrentSessionInfo/Services/GetCurrentUser'),
    ).toMatchObject({
      ok: true,
      call: {
        operation: {
          op: 'service-invoke',
          collection: 'Resources',
          entity: 'CurrentSessionInfo',
          name: 'GetCurrentUser',
        },
      },
    });
    expect(parseCall('POST', '/Thingworx/Things/T1/Events/Alarm')).toMatchObject({
      ok: true,
      call: { operation: { op: 'event-invoke', name: 'Alarm' } },
    });
  });

  it('maps entity verbs to design-time operations and GET on a collection to a listing', () => {
    expect(parseCall('GET', '/Thingworx/ThingTemplates/T')).toMatchObject({
      ok: true,
      call: { operation: { op: 'entity-read', collection: 'ThingTemplates' } },
    });
    expect(parseCall('PUT', '/Thingworx/Things/T')).toMatchObject({
      ok: true,
      call: { operation: { op: 'entity-update' } },
    });
    expect(parseCall('POST', '/Thingworx/Things/T')).toMatchObject({
      ok: true,
      call: { operation: { op: 'entity-create' } },
    });
    expect(parseCall('DELETE', '/Thingworx/Users/bob')).toMatchObject({
      ok: true,
      call: { operation: { op: 'entity-delete', collection: 'Users' } },
    });
    expect(parseCall('GET', '/Thingworx/Things')).toMatchObject({
      ok: true,
      call: { operation: { op: 'collection-list', collection: 'Things' } },
    });
    expect(parseCall('GET', '/Thingworx/Things/T/Properties')).toMatchObject({
      ok: true,
      call: { operation: { op: 'properties-read-all' } },
    });
    expect(parseCall('GET', '/Thingworx/Things/T/ServiceDefinitions')).toMatchObject({
      ok: true,
      call: { operation: { op: 'definitions-read', what: 'ServiceDefinitions' } },
    });
  });

  it('URL-decodes names and extracts ?appKey= from the query string (§3.10)', () => {
    const r = parseCall('GET', '/Thingworx/Things/My%20Thing/Properties/p%2Fq?appKey=k%2B1&x=1');
    expect(r).toMatchObject({
      ok: true,
      call: {
        appKeyInUrl: 'k+1',
        query: { x: '1' },
        operation: { entity: 'My Thing', name: 'p/q' },
      },
    });
  });

  it('accepts a full URL and one trailing slash', () => {
    expect(
      parseCall('GET', 'https://twx.example.com:8443/Thingworx/Things/T1/Properties/p/'),
    ).toMatchObject({ ok: true, call: { operation: { op: 'property-read', name: 'p' } } });
  });

  it('answers 405 with the allowed methods for a wrong method on a valid path', () => {
    expect(parseCall('DELETE', '/Thingworx/Things/T1/Properties/p')).toMatchObject({
      ok: false,
      code: 'method-not-allowed',
      status: 405,
      allowed: ['GET', 'PUT'],
    });
    expect(parseCall('GET', '/Thingworx/Things/T1/Services/S')).toMatchObject({
      ok: false,
      code: 'method-not-allowed',
      allowed: ['POST'],
    });
    expect(parseCall('POST', '/Thingworx/Things')).toMatchObject({
      ok: false,
      code: 'method-not-allowed',
      allowed: ['GET'],
    });
    expect(parseCall('PATCH', '/Thingworx/Things/T1')).toMatchObject({
      ok: false,
      code: 'method-not-allowed',
    });
  });

  it('reports paths that are not ThingWorx REST calls as bad-call with a specific message', () => {
    const cases: [string, string, RegExp][] = [
      ['GET', '/api/Things/T1', /not a ThingWorx REST path/],
      ['GET', '/Thingworx/Thingz/T1', /"Thingz" is not a ThingWorx collection.*case-sensitive/],
      ['GET', '/Thingworx/things/T1', /"things" is not a ThingWorx collection/],
      ['POST', '/Thingworx/Things/T1/Services', /names no service/],
      ['GET', '/Thingworx/Things/T1/Stuff', /"Stuff" is not a part/],
      ['GET', '/Thingworx/Things/T1/Properties/p/extra', /extra path segments/],
      ['GET', '/Thingworx/Things//Properties/p', /empty path segment/],
      ['GET', '/Thingworx/Things/%E0%A4%A/Properties/p', /malformed %-escape/],
      ['FETCH', '/Thingworx/Things/T1', /not an HTTP method/],
      ['GET', '/Thingworx/', /names no collection/],
    ];
    for (const [m, p, msg] of cases) {
      const r = parseCall(m, p);
      expect(r.ok, `${m} ${p}`).toBe(false);
      if (!r.ok) {
        expect(r.code, `${m} ${p}`).toBe('bad-call');
        expect(r.message).toMatch(msg);
      }
    }
  });

  it('parseCallLine splits "METHOD PATH" and rejects anything else', () => {
    expect(parseCallLine('  POST /Thingworx/Things/T1/Services/S  ')).toMatchObject({
      ok: true,
      call: { method: 'POST' },
    });
    expect(parseCallLine('GET')).toMatchObject({ ok: false, code: 'bad-call' });
    expect(parseCallLine('GET /Thingworx/Things extra')).toMatchObject({
      ok: false,
      code: 'bad-call',
    });
  });
});
