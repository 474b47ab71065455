/**
 * Set-up that several unit tests share on the bundled demo (demo-model.ts): the seed question's
 * call, the change that removes its deciding entry (§9.6), and real project files in a temporary
 * folder opened through the real handler map.
 *
 * @example
 * const projects = demoProjects('permsim-whatif-');
 * const api = projects.openApi(projects.path('a.permsim'), true);
 * await api.call('whatif:save', { scenario: { name: 'x', changes: [REMOVE_ANALYSTS_DENY] } });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createHandlers, projectSession } from '../../main/api';
import { openProject } from '../../main/store';
import type { Model } from '../../shared/model/types';
import type { WhatIfChange } from '../../shared/whatif';
import { loadDemoModel } from './demo-model';

/** The seed question's call (§9.6): alice is refused it on the demo. */
export const GET_DATA_STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';

/** Removes the seed question's deciding entry (§9.6): DataAnalysts' Deny on GetDataStream. */
export const REMOVE_ANALYSTS_DENY: WhatIfChange = {
  type: 'remove-entry',
  target: { level: 'entity', collection: 'Things', name: 'SensorDataStream' },
  entry: {
    family: 'runtime',
    kind: 'ServiceInvoke',
    resource: 'GetDataStream',
    principal: { type: 'group', name: 'DataAnalysts' },
    allow: false,
  },
};

/**
 * A temporary folder for the file's tests (made before them, removed after them) and the handler
 * map on a project in it: created from the demo model (or `model()`), or reopened as it is.
 */
export function demoProjects(prefix: string, model: () => Model = loadDemoModel) {
  let dir = '';
  let made: Model | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    /** A path in the folder (only valid inside the tests). */
    path: (name: string): string => join(dir, name),
    openApi(path: string, create: boolean) {
      made ??= model();
      const store = openProject(path, create ? { create: true, model: made } : {});
      if (!store.ok) throw new Error(store.error.message);
      return createHandlers({ session: projectSession(store.value) });
    },
  };
}
