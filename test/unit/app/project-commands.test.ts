import { describe, expect, it } from 'vitest';
import { runProjectCommand } from '../../../main/app/project-commands';
import type { ProjectCommandDeps } from '../../../main/app/project-commands';
import { err, ok } from '../../../shared/contract';
import type { ProjectInfo } from '../../../shared/contract';

const info: ProjectInfo = {
  path: '/p/new.permsim',
  modelName: 'new',
  counts: {},
  canUndo: false,
  canRedo: false,
  revision: 0,
};

function deps(over: Partial<ProjectCommandDeps> = {}) {
  const log: string[] = [];
  const d: ProjectCommandDeps = {
    dispatch: async (name, args) => (log.push(`${name} ${JSON.stringify(args)}`), ok(info)),
    chooseProjectToOpen: async () => '/p/old.permsim',
    chooseProjectToSave: async () => '/p/new',
    showError: (title, message) => void log.push(`error: ${title}: ${message}`),
    projectChanged: i => void log.push(`changed ${i.path}`),
    ...over,
  };
  return { d, log };
}

describe('menu project commands', () => {
  it('Open shows the dialog and opens the chosen file', async () => {
    const { d, log } = deps();
    await runProjectCommand({ type: 'open' }, d);
    expect(log).toEqual(['project:open {"path":"/p/old.permsim"}', 'changed /p/new.permsim']);
  });

  it('New and Save As add the .permsim extension the Linux save dialog leaves off', async () => {
    const { d, log } = deps();
    await runProjectCommand({ type: 'new' }, d);
    await runProjectCommand({ type: 'save-as' }, d);
    expect(log.filter(l => l.startsWith('project:'))).toEqual([
      'project:new {"path":"/p/new.permsim"}',
      'project:save-as {"path":"/p/new.permsim"}',
    ]);
  });

  it('a cancelled dialog does nothing', async () => {
    const { d, log } = deps({ chooseProjectToOpen: async () => undefined });
    expect(await runProjectCommand({ type: 'open' }, d)).toBeUndefined();
    expect(log).toEqual([]);
  });

  it('a refused file is shown in words and changes nothing', async () => {
    const { d, log } = deps({
      dispatch: async () =>
        err('file-corrupt', '/p/x.permsim is not a PermSim project (not an SQLite database).'),
    });
    await runProjectCommand({ type: 'open-recent', path: '/p/x.permsim' }, d);
    expect(log).toEqual([
      'error: Could not open the project: /p/x.permsim is not a PermSim project (not an SQLite database).',
    ]);
  });
});
