/**
 * New / Open / Save As / Open recent from the menu: show the native dialog (injected), call the
 * handler map, and tell the window. Errors from the handler map (a corrupt or newer file, ...)
 * are shown in words and change nothing.
 */
import type { ProjectInfo, Result } from '../../shared/contract';
import type { Dispatch } from './ipc';

export type ProjectCommand =
  { type: 'new' } | { type: 'open' } | { type: 'save-as' } | { type: 'open-recent'; path: string };

export type ProjectCommandDeps = {
  dispatch: Dispatch;
  /** Resolves to the chosen path, or undefined when the user cancelled. */
  chooseProjectToOpen(): Promise<string | undefined>;
  chooseProjectToSave(title: string): Promise<string | undefined>;
  showError(title: string, message: string): void;
  /** The project changed: notify the renderer and rebuild the recent-projects menu. */
  projectChanged(info: ProjectInfo): void;
};

export const PROJECT_FILE_FILTER = { name: 'PermSim project', extensions: ['permsim'] };

/**
 * @example
 * await runProjectCommand({ type: 'open' }, deps); // dialog -> project:open -> projectChanged
 */
export async function runProjectCommand(
  command: ProjectCommand,
  deps: ProjectCommandDeps,
): Promise<Result<unknown> | undefined> {
  let name: 'project:new' | 'project:open' | 'project:save-as';
  let target: string | undefined;
  if (command.type === 'open-recent') {
    name = 'project:open';
    target = command.path;
  } else if (command.type === 'open') {
    name = 'project:open';
    target = await deps.chooseProjectToOpen();
  } else if (command.type === 'new') {
    name = 'project:new';
    target = await deps.chooseProjectToSave('New PermSim project');
  } else {
    name = 'project:save-as';
    target = await deps.chooseProjectToSave('Save PermSim project as');
  }
  if (target === undefined) return undefined;
  const result = await deps.dispatch(name, { path: withProjectExtension(target, command.type) });
  if (result.ok) deps.projectChanged(result.value as ProjectInfo);
  else deps.showError(titleFor(command.type), result.error.message);
  return result;
}

/** Save dialogs on Linux do not append the filter's extension; add it so the file is recognisable. */
function withProjectExtension(target: string, type: ProjectCommand['type']): string {
  if (type === 'open' || type === 'open-recent') return target;
  return /\.permsim$/i.test(target) ? target : `${target}.permsim`;
}

function titleFor(type: ProjectCommand['type']): string {
  if (type === 'new') return 'Could not create the project';
  if (type === 'save-as') return 'Could not save the project';
  return 'Could not open the project';
}
