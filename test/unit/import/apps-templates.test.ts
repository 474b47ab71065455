/**
 * Importing into a project with a ThingWorx Apps layer (domain §7; docs/import.md "Apps-layer
 * templates"): a template of the files that derives from an Apps-layer template, or a Thing of one,
 * is refused with the file, the line and what to do; the same files import into a new project,
 * where the Apps template is an unresolved reference.
 */
import { describe, expect, it } from 'vitest';
import { importSources } from '../../../shared/import';
import { loadDemoModel } from '../demo-model';

const enc = new TextEncoder();
const file = (path: string, xml: string) => ({ path, bytes: enc.encode(xml) });

const DERIVED = file(
  'ThingTemplates/SensorTemplate.xml',
  `<Entities>
  <ThingTemplates>
    <ThingTemplate name="SensorTemplate" baseThingTemplate="PTC.SCA.SCO.Asset"/>
  </ThingTemplates>
</Entities>`,
);
const THING = file(
  'Things/Press2.xml',
  `<Entities><Things><Thing name="Press2" thingTemplate="PTC.SCA.SCO.Asset"/></Things></Entities>`,
);

describe('Apps-layer templates in an import into a project (domain §7)', () => {
  it('refuses a template that derives from an Apps template, naming the file and line', () => {
    const demo = loadDemoModel();
    const r = importSources([DERIVED], { onConflict: 'last', into: demo });
    expect(r.ok).toBe(false);
    expect(r.report.refusals).toEqual([
      expect.objectContaining({
        file: 'ThingTemplates/SensorTemplate.xml',
        line: 3,
        message: expect.stringMatching(
          /^template SensorTemplate derives from 'PTC\.SCA\.SCO\.Asset', a template of the project's ThingWorx Apps layer;.*Import into a new project instead/,
        ),
      }),
    ]);
    // Nothing changed in the project's model.
    expect(demo.templates.SensorTemplate?.base).toBe('GenericThing');
  });

  it('refuses a Thing of an Apps template', () => {
    const r = importSources([THING], { onConflict: 'last', into: loadDemoModel() });
    expect(r.ok).toBe(false);
    expect(r.report.refusals.map(x => x.message)).toEqual([
      expect.stringMatching(
        /^Thing Press2 uses 'PTC\.SCA\.SCO\.Asset', a template of the project's/,
      ),
    ]);
  });

  it('imports the same files into a new project, the Apps template unresolved', () => {
    const r = importSources([DERIVED, THING], { onConflict: 'fail' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.templates.SensorTemplate?.base).toBe('PTC.SCA.SCO.Asset');
    expect(r.model.templates['PTC.SCA.SCO.Asset']?.unresolved).toBe(true);
    expect(r.model.things.Press2?.template).toBe('PTC.SCA.SCO.Asset');
  });
});
