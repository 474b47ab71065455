/**
 * Property data (docs/model-format.md "Property data"): a model gives properties a base type and a
 * default value; the stand-in server's reads answer them in ThingWorx's infotable form; the model
 * file keeps them through a save; the importer reads them from ThingWorx XML and JSON exports.
 */
import { describe, expect, it } from 'vitest';
import { importSources } from '../../../shared/import';
import { loadModel } from '../../../shared/apps/load';
import { modelToText } from '../../../shared/model/decompile';
import type { Model } from '../../../shared/model/types';
import { startMockServer } from '../../../main/mock/server';

const MODEL = `
permsim: 1
users: { alice: {} }
shapes:
  Calibratable:
    properties: [ { name: offset, baseType: NUMBER, defaultValue: 0.5 } ]
templates:
  SensorTemplate:
    shapes: [ Calibratable ]
    properties:
      - { name: temperature, baseType: NUMBER, defaultValue: 21.5 }
      - { name: online, baseType: BOOLEAN }
    instance:
      runtime: [ { allow: [ PropertyRead, PropertyWrite ], principal: 'user:alice' } ]
things:
  S1:
    template: SensorTemplate
    properties:
      - serial
      - { name: temperature, baseType: NUMBER, defaultValue: 19 }
      - { name: config, baseType: JSON, defaultValue: { mode: auto } }
`;

function load(text: string): Model {
  const r = loadModel(text, 'sensor.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

const basic = `Basic ${Buffer.from('alice:x').toString('base64')}`;

describe('property data in the model format', () => {
  it('is kept through a save: a property with data is written as { name, baseType, defaultValue }', () => {
    const model = load(MODEL);
    const text = modelToText(model, 'yaml');
    expect(text).toContain('{ name: temperature, baseType: NUMBER, defaultValue: 21.5 }');
    expect(text).toContain('- serial');
    expect(load(text)).toEqual(model);
  });

  it('refuses a default that does not fit its base type, naming the property', () => {
    const r = loadModel(
      `permsim: 1\nthings:\n  T:\n    properties: [ { name: level, baseType: INTEGER, defaultValue: 2.5 } ]\n`,
      'bad.yaml',
    );
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('expected a whole number for a INTEGER property, got 2.5');
    const lower = loadModel(
      `permsim: 1\nthings:\n  T:\n    properties: [ { name: level, baseType: number } ]\n`,
      'bad.yaml',
    );
    expect(JSON.stringify(lower)).toContain('expected a ThingWorx base type in capitals');
  });
});

describe('the stand-in answers property reads with the model data', () => {
  it('the Thing first, then its template and shapes; typed placeholders otherwise; a write wins', async () => {
    const s = await startMockServer({ model: load(MODEL), port: 0 });
    if (!s.ok) throw new Error(s.error.message);
    const read = async (p: string) =>
      (await fetch(`${s.value.url}/Thingworx/Things/S1/Properties/${p}`, {
        headers: { Authorization: basic },
      }).then(r => r.json())) as unknown;
    expect(await read('temperature')).toEqual({
      dataShape: {
        fieldDefinitions: { temperature: { name: 'temperature', baseType: 'NUMBER' } },
      },
      rows: [{ temperature: 19 }],
    });
    expect(await read('offset')).toMatchObject({ rows: [{ offset: 0.5 }] });
    expect(await read('online')).toEqual({
      dataShape: { fieldDefinitions: { online: { name: 'online', baseType: 'BOOLEAN' } } },
      rows: [{ online: false }],
    });
    expect(await read('serial')).toMatchObject({
      dataShape: { fieldDefinitions: { serial: { baseType: 'STRING' } } },
      rows: [{ serial: '' }],
    });
    expect(await read('config')).toMatchObject({ rows: [{ config: { mode: 'auto' } }] });
    const put = await fetch(`${s.value.url}/Thingworx/Things/S1/Properties/temperature`, {
      method: 'PUT',
      headers: { Authorization: basic, 'Content-Type': 'application/json' },
      body: '{"temperature": 25}',
    });
    expect(put.status).toBe(200);
    expect(await read('temperature')).toMatchObject({
      dataShape: { fieldDefinitions: { temperature: { baseType: 'NUMBER' } } },
      rows: [{ temperature: 25 }],
    });
    await s.value.close();
  });
});

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the importer reads base types and default values', () => {
  it('from ThingWorx XML (baseType, aspects.defaultValue) and says which default it drops', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Entities majorVersion="9" minorVersion="3">
  <Things>
    <Thing name="Pump1" thingTemplate="GenericThing">
      <ThingShape>
        <PropertyDefinitions>
          <PropertyDefinition aspects.defaultValue="20.5" aspects.isPersistent="true" baseType="NUMBER" name="flow" ordinal="0"/>
          <PropertyDefinition aspects.defaultValue="true" baseType="BOOLEAN" name="running"/>
          <PropertyDefinition aspects.defaultValue="fast" baseType="INTEGER" name="speed"/>
          <PropertyDefinition baseType="STRING" name="label"/>
        </PropertyDefinitions>
      </ThingShape>
    </Thing>
  </Things>
</Entities>`;
    const r = importSources([{ path: 'Pump1.xml', bytes: utf8(xml) }], { onConflict: 'fail' });
    if (!r.ok) throw new Error(JSON.stringify(r.report.refusals));
    expect(r.model.things.Pump1?.propertyData).toEqual({
      flow: { baseType: 'NUMBER', defaultValue: 20.5 },
      running: { baseType: 'BOOLEAN', defaultValue: true },
      speed: { baseType: 'INTEGER' },
      label: { baseType: 'STRING' },
    });
    expect(JSON.stringify(r.report)).toContain(
      "the default value of property 'speed' is not imported: expected a number for a INTEGER property",
    );
    expect(modelToText(r.model, 'yaml')).toContain(
      '{ name: flow, baseType: NUMBER, defaultValue: 20.5 }',
    );
  });

  it('from ThingWorx JSON (propertyDefinitions with aspects)', () => {
    const json = JSON.stringify({
      name: 'Valve9',
      thingTemplate: 'GenericThing',
      thingShape: {
        propertyDefinitions: {
          setpoint: { name: 'setpoint', baseType: 'NUMBER', aspects: { defaultValue: 4 } },
        },
      },
    });
    const r = importSources([{ path: 'Things/Valve9.json', bytes: utf8(json) }], {
      onConflict: 'fail',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.report.refusals));
    expect(r.model.things.Valve9?.propertyData).toEqual({
      setpoint: { baseType: 'NUMBER', defaultValue: 4 },
    });
  });
});
