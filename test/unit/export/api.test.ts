/**
 * `whatif:export-changes` through the real handler map and a real project file: a stored scenario
 * by id or an inline one, the header naming the project, and bad arguments as data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers, projectSession } from '../../../main/api';
import { openProject } from '../../../main/store';
import type { Scenario } from '../../../shared/whatif';
import { loadDemoModel } from '../demo-model';

const dir = mkdtempSync(join(tmpdir(), 'permsim-export-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario: Scenario = {
  name: 'dana operates',
  changes: [{ type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'Operators' }],
};

function openApi() {
  const store = openProject(join(dir, 'p.permsim'), { create: true, model: loadDemoModel() });
  if (!store.ok) throw new Error(store.error.message);
  return createHandlers({ session: projectSession(store.value) });
}

describe('whatif:export-changes', () => {
  it('exports a stored scenario by id; the header names the project and its file', async () => {
    const api = openApi();
    try {
      const saved = await api.call('whatif:save', { scenario });
      if (!saved.ok) throw new Error(saved.error.message);
      const r = await api.call('whatif:export-changes', {
        scenario: { id: saved.value.id },
        format: 'script',
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.fileName).toBe('dana-operates.sh');
      expect(r.value.items).toBe(1);
      expect(r.value.header[2]).toBe(
        'Baseline: Sensor data stream after a role change (p.permsim)',
      );
      expect(r.value.text).toContain("'/Thingworx/Groups/Operators/Services/AddMember'");
      const inv = await api.call('whatif:export-changes', {
        scenario,
        format: 'postman',
        inverse: true,
        baselineLabel: 'the demo',
      });
      if (!inv.ok) throw new Error(inv.error.message);
      expect(inv.value.header[2]).toBe('Baseline: the demo');
      expect(inv.value.text).toContain('"DeleteMember"');
    } finally {
      await api.close();
    }
  });

  it('refuses an unknown format and a change that does not apply, as data', async () => {
    const api = openApi();
    try {
      const bad = await api.call('whatif:export-changes', {
        scenario,
        format: 'pdf' as never,
      });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.code).toBe('invalid-argument');
        expect(bad.error.message).toMatch(/format.*one of script, xml, postman/);
      }
      const missing = await api.call('whatif:export-changes', {
        scenario: {
          name: 'x',
          changes: [
            { type: 'add-membership', member: { type: 'user', name: 'zed' }, group: 'Operators' },
          ],
        },
        format: 'xml',
      });
      expect(missing.ok).toBe(false);
      if (!missing.ok) {
        expect(missing.error.code).toBe('invalid-change');
        expect(missing.error.details).toEqual({ index: 0 });
        expect(missing.error.message).toMatch(/change 1 \(add user:zed to group Operators\)/);
      }
      const none = await api.call('whatif:export-changes', {
        scenario: { id: 999 },
        format: 'xml',
      });
      expect(none.ok).toBe(false);
      if (!none.ok) expect(none.error.code).toBe('not-found');
    } finally {
      await api.close();
    }
  });
});
