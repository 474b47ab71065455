/**
 * The application menu as a pure template, so its entries and their effects are unit-tested
 * without Electron. Undo/Redo are sent to the renderer (which owns the shortcut handling and
 * leaves text fields their native undo), so their accelerators are shown but not registered;
 * Export Report opens the renderer's Export dialog the same way.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ProjectCommand } from './project-commands';

export type MenuInputs = {
  recent: readonly string[];
  isMac: boolean;
  isPackaged: boolean;
  runProjectCommand(command: ProjectCommand): void;
  /** To the renderer as `menu:command`: it owns undo/redo and the report Export dialog. */
  sendCommand(command: 'undo' | 'redo' | 'export' | 'import'): void;
};

/**
 * @example
 * Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ recent, isMac, ... })));
 */
export function buildMenuTemplate(inputs: MenuInputs): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    inputs.recent.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : inputs.recent.map(p => ({
          label: p,
          click: () => inputs.runProjectCommand({ type: 'open-recent', path: p }),
        }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: '&New Project…',
        accelerator: 'CmdOrCtrl+N',
        click: () => inputs.runProjectCommand({ type: 'new' }),
      },
      {
        label: '&Open Project…',
        accelerator: 'CmdOrCtrl+O',
        click: () => inputs.runProjectCommand({ type: 'open' }),
      },
      { label: 'Open &Recent', submenu: recentItems },
      {
        label: 'Save Project &As…',
        accelerator: 'CmdOrCtrl+Shift+S',
        click: () => inputs.runProjectCommand({ type: 'save-as' }),
      },
      { type: 'separator' },
      // The renderer's Import dialog (renderer/src/import): a file or a folder, then the report.
      { label: '&Import…', click: () => inputs.sendCommand('import') },
      // The renderer's Export dialog (renderer/src/report), the same one as the top bar's Export… button.
      { label: '&Export Report…', click: () => inputs.sendCommand('export') },
      { type: 'separator' },
      inputs.isMac ? { role: 'close' } : { role: 'quit', label: '&Quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      {
        label: '&Undo Model Edit',
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        click: () => inputs.sendCommand('undo'),
      },
      {
        label: '&Redo Model Edit',
        accelerator: 'CmdOrCtrl+Shift+Z',
        registerAccelerator: false,
        click: () => inputs.sendCommand('redo'),
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(inputs.isPackaged
        ? []
        : ([
            { type: 'separator' },
            { role: 'reload' },
            { role: 'toggleDevTools' },
          ] as MenuItemConstructorOptions[])),
    ],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view];
  if (inputs.isMac) template.unshift({ role: 'appMenu' });
  return template;
}
