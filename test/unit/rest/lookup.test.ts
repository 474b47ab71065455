/**
 * Which model element defines a characteristic a REST call names (domain §9.4): a Thing's own,
 * then its template chain nearest first, then its own shapes and the chain's shapes (the order of
 * characteristicsOf, so an explanation and the Inspector's list agree).
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { lookupCharacteristic } from '../../../shared/rest/lookup';

const YAML = `permsim: 1
name: lookup
shapes:
  BaseShape: { properties: [fromBaseShape, shared] }
  MidShape: { properties: [fromMidShape] }
  OwnShape: { properties: [fromOwnShape] }
templates:
  Base: { base: GenericThing, shapes: [BaseShape], properties: [fromBase] }
  Mid: { base: Base, shapes: [MidShape, BaseShape], properties: [fromMid, shared] }
things:
  Pump: { template: Mid, shapes: [OwnShape], properties: [fromThing] }
`;

function model() {
  const r = loadModel(YAML, 'lookup.yaml');
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}

describe('lookupCharacteristic on a Thing (domain §9.4)', () => {
  it.each([
    ['fromThing', { type: 'thing', name: 'Pump' }],
    ['fromMid', { type: 'template', name: 'Mid' }],
    ['fromBase', { type: 'template', name: 'Base' }],
    ['fromOwnShape', { type: 'shape', name: 'OwnShape' }],
    ['fromMidShape', { type: 'shape', name: 'MidShape' }],
    ['fromBaseShape', { type: 'shape', name: 'BaseShape' }],
    // defined twice: the template chain comes before the shapes
    ['shared', { type: 'template', name: 'Mid' }],
  ])('finds %s where it is defined', (name, definedBy) => {
    expect(lookupCharacteristic(model(), 'Things', 'Pump', 'property', name)).toEqual({
      status: 'found',
      definedBy,
      builtin: false,
    });
  });

  it('says missing for a name nobody defines', () => {
    expect(lookupCharacteristic(model(), 'Things', 'Pump', 'property', 'nowhere')).toEqual({
      status: 'missing',
    });
  });
});
