/**
 * The header, the Postman collection (schema v2.1) and the entity XML of exactly the changed
 * entities (§6), for the demo scenario (assets/demos/scenarios/analysts-get-datastream.yaml).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { exportChanges, planExport, writeEntitiesXml } from '../../../shared/export';
import { parseScenarioText, summarizeScenario } from '../../../shared/whatif';
import type { Scenario } from '../../../shared/whatif';
import { applyChanges } from '../../../shared/whatif';
import { loadDemoModel } from '../demo-model';

const SCENARIO_PATH = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'assets/demos/scenarios/analysts-get-datastream.yaml',
);
function demoScenario(): Scenario {
  const r = parseScenarioText(readFileSync(SCENARIO_PATH, 'utf8'), 'analysts-get-datastream.yaml');
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.scenario;
}

function exported(
  format: 'script' | 'xml' | 'postman',
  inverse = false,
  scenario = demoScenario(),
) {
  const r = exportChanges(loadDemoModel(), scenario, {
    format,
    inverse,
    baselineLabel: 'sensor-datastream.yaml',
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  processEntities: true,
  htmlEntities: true,
});

describe('the header', () => {
  it("names the scenario and baseline and gives the what-if's counts and blast radius", () => {
    const s = summarizeScenario(loadDemoModel(), demoScenario());
    if (!s.ok) throw new Error(s.error.message);
    for (const format of ['script', 'xml', 'postman'] as const) {
      const h = exported(format).header.join('\n');
      expect(h).toContain('Scenario: Give analysts the data stream service');
      expect(h).toContain('Baseline: sensor-datastream.yaml');
      expect(h).toContain(
        `gained ${s.value.counts.gained}, revoked ${s.value.counts.revoked}, changed ${s.value.counts.changed}`,
      );
      expect(h).toContain(
        '1. gained 403 -> 200: user:alice x Things/SensorDataStream x ServiceInvoke',
      );
      expect(h).toContain('Equipment: bob on Line2 (DefaultContext): None -> Read');
    }
    expect(exported('script').text.split('\n').slice(0, 3)).toEqual([
      '#!/bin/sh',
      '# PermSim export (script)',
      '# Scenario: Give analysts the data stream service',
    ]);
  });

  it("uses the caller's what-if summary when given one (the workbench's cached summary)", () => {
    const s = summarizeScenario(loadDemoModel(), demoScenario());
    if (!s.ok) throw new Error(s.error.message);
    const r = exportChanges(loadDemoModel(), demoScenario(), {
      format: 'script',
      baselineLabel: 'demo',
      effect: { ...s.value, counts: { ...s.value.counts, gained: 41 } },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.header.join('\n')).toContain('gained 41, revoked 0');
  });

  it('lists what is not exported, with the reason', () => {
    const sc: Scenario = {
      name: 'mixed',
      changes: [
        { type: 'set-user-flags', name: 'carol', locked: false },
        { type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'Operators' },
      ],
    };
    const h = exported('script', false, sc).header;
    expect(h).toContain(
      '  - not exported: change 1 (set user carol locked=false): enabling, disabling, locking or unlocking a user is not in the services PermSim exports; do it in Composer',
    );
    // The xml format carries the user's flags, so there it is exported.
    expect(exported('xml', false, sc).header.join('\n')).not.toContain('not exported: change 1');
  });
});

describe('postman (collection schema v2.1)', () => {
  it('one POST per call with the URL and key as variables and the parameters as the JSON body', () => {
    const v = exported('postman');
    const c = JSON.parse(v.text) as {
      info: { name: string; schema: string; description: string };
      variable: { key: string }[];
      item: {
        name: string;
        request: {
          method: string;
          header: { key: string; value: string }[];
          body: { mode: string; raw: string; options: { raw: { language: string } } };
          url: { raw: string; host: string[]; path: string[] };
        };
        event: { listen: string; script: { exec: string[] } }[];
      }[];
    };
    expect(c.info.schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    );
    expect(c.info.description).toContain('Scenario: Give analysts the data stream service');
    expect(c.variable.map(x => x.key)).toEqual(['baseUrl', 'appKey']);
    const plan = planExport(loadDemoModel(), demoScenario().changes);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(c.item).toHaveLength(plan.value.forward.length);
    c.item.forEach((item, i) => {
      const call = plan.value.forward[i];
      if (!call) throw new Error('missing call');
      expect(item.request.method).toBe('POST');
      expect(item.request.url.host).toEqual(['{{baseUrl}}']);
      expect(item.request.url.path).toEqual([
        'Thingworx',
        call.collection,
        call.entity,
        'Services',
        call.service,
      ]);
      expect(item.request.url.raw).toBe(
        `{{baseUrl}}/Thingworx/${call.collection}/${call.entity}/Services/${call.service}`,
      );
      expect(item.request.header).toEqual([
        { key: 'appKey', value: '{{appKey}}', type: 'text' },
        { key: 'Content-Type', value: 'application/json', type: 'text' },
        { key: 'Accept', value: 'application/json', type: 'text' },
      ]);
      expect(item.request.body.mode).toBe('raw');
      expect(item.request.body.options.raw.language).toBe('json');
      expect(JSON.parse(item.request.body.raw)).toEqual(call.params);
      expect(item.event[0]?.listen).toBe('test');
      expect(item.event[0]?.script.exec.join('\n')).toContain('postman.setNextRequest(null)');
    });
    expect(c.item.map(i => i.request.url.path[4])).toEqual([
      'DeleteRunTimePermission',
      'AddInstanceRunTimePermission',
      'PropagateUserGroupPermissionsOnEntities',
    ]);
  });

  it('the inverse collection holds the undo calls', () => {
    const c = JSON.parse(exported('postman', true).text) as {
      info: { name: string };
      item: { request: { url: { path: string[] } } }[];
    };
    expect(c.info.name).toBe('Undo: Give analysts the data stream service (PermSim)');
    expect(c.item.at(-1)?.request.url.path.slice(1)).toEqual([
      'Things',
      'SensorDataStream',
      'Services',
      'AddRunTimePermission',
    ]);
  });
});

describe('xml (§6)', () => {
  it('is well-formed and holds exactly the changed entities', () => {
    const v = exported('xml');
    expect(XMLValidator.validate(v.text)).toBe(true);
    const doc = parser.parse(v.text) as Record<string, { [k: string]: unknown }[]>;
    const root = doc['Entities']?.[0] as Record<string, { [k: string]: { name: string }[] }[]>;
    const names = Object.fromEntries(
      Object.entries(root)
        .filter(([k]) => /^[A-Z]/.test(k))
        .map(([k, v]) => [k, Object.values(v[0] ?? {}).flatMap(list => list.map(e => e.name))]),
    );
    // Change 1 edits the Thing, change 2 the template's instance set, change 3 (the propagation
    // from Line2) the equipment Thing Line2: nothing else.
    expect(names).toEqual({
      ThingTemplates: ['SensorTemplate'],
      Things: ['SensorDataStream', 'Line2'],
    });
    expect(v.items).toBe(3);
  });

  it('writes the entities as the scenario leaves them, and the inverse as the baseline has them', () => {
    const grant =
      '<Permissions resourceName="GetDataStream"><PropertyRead/><PropertyWrite/><ServiceInvoke><Principal isPermitted="true" name="DataAnalysts" type="Group"/></ServiceInvoke>';
    const deny =
      '<Permissions resourceName="GetDataStream"><PropertyRead/><PropertyWrite/><ServiceInvoke><Principal isPermitted="false" name="DataAnalysts" type="Group"/></ServiceInvoke>';
    const fwd = exported('xml').text;
    const inv = exported('xml', true).text;
    expect(fwd).toContain(grant);
    expect(fwd).not.toContain(deny);
    expect(inv).toContain(deny);
    expect(inv).not.toContain(grant);
  });

  it('a scenario that only removes a group member exports no entity and says why (§6.6)', () => {
    const v = exported('xml', false, {
      name: 'drop',
      changes: [
        {
          type: 'remove-membership',
          member: { type: 'group', name: 'DataAnalysts' },
          group: 'Operators',
        },
      ],
    });
    expect(v.header.join('\n')).toMatch(/not exported: change 1 .*does not remove it/);
    // The group is written without the member (importing it would not remove it, hence the note).
    expect(v.text).toContain(
      '<Group name="Operators"><Members><Members><Member name="bob" type="User"/><Member name="carol" type="User"/></Members></Members></Group>',
    );
  });
});

describe('xml of a built-in entity', () => {
  it("warns not to import it over the server's own, and the script calls its service", () => {
    const sc: Scenario = {
      name: 'dana session',
      changes: [
        {
          type: 'add-entry',
          target: { level: 'entity', collection: 'Resources', name: 'CurrentSessionInfo' },
          entry: {
            family: 'runtime',
            kind: 'ServiceInvoke',
            resource: 'GetCurrentUser',
            principal: { type: 'user', name: 'dana' },
            allow: true,
          },
        },
      ],
    };
    const x = exported('xml', false, sc);
    expect(x.header).toContain(
      "  - Resources/CurrentSessionInfo is built into ThingWorx; do not import its XML over the server's own, use the script format for its change",
    );
    expect(exported('script', false, sc).text).toContain(
      "'/Thingworx/Resources/CurrentSessionInfo/Services/AddRunTimePermission'",
    );
  });
});

describe('writeEntitiesXml', () => {
  it('any name reads back verbatim from the attributes', () => {
    const odd = `a "b" & <c> 'd' \t e`;
    const r = applyChanges(loadDemoModel(), [
      { type: 'add-group', name: odd },
      { type: 'add-membership', member: { type: 'user', name: 'bob' }, group: odd },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const xml = writeEntitiesXml(r.model, { groups: [odd], users: ['bob'] });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as {
      Entities: {
        Groups: {
          Group: { name: string; Members: { Members: { Member: { name: string }[] }[] }[] }[];
        }[];
        Users: { User: { name: string; enabled: string; locked: string }[] }[];
      }[];
    };
    expect(doc.Entities[0]?.Groups[0]?.Group[0]?.name).toBe(odd);
    expect(doc.Entities[0]?.Users[0]?.User[0]).toMatchObject({
      name: 'bob',
      enabled: 'true',
      locked: 'false',
    });
  });
});
