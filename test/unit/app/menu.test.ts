import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../main/app/menu';
import type { ProjectCommand } from '../../../main/app/project-commands';

function setup(recent: string[] = [], isMac = false) {
  const commands: ProjectCommand[] = [];
  const sent: string[] = [];
  const template = buildMenuTemplate({
    recent,
    isMac,
    isPackaged: true,
    runProjectCommand: c => void commands.push(c),
    sendCommand: c => void sent.push(c),
  });
  const items = (label: string): MenuItemConstructorOptions[] =>
    (template.find(m => m.label === label)?.submenu as MenuItemConstructorOptions[]) ?? [];
  const click = (menu: string, label: string) => {
    const item = items(menu).find(i => i.label === label);
    if (!item?.click) throw new Error(`no clickable ${label}`);
    (item.click as () => void)();
  };
  return { template, items, click, commands, sent };
}

describe('the application menu', () => {
  it('File has New, Open, Open Recent, Save As, Import, Export and Quit', () => {
    const labels = setup()
      .items('&File')
      .map(i => i.label ?? i.role ?? i.type);
    expect(labels).toEqual([
      '&New Project…',
      '&Open Project…',
      'Open &Recent',
      'Save Project &As…',
      'separator',
      '&Import…',
      '&Export Report…',
      'separator',
      '&Quit',
    ]);
  });

  it('New / Open / Save As run project commands', () => {
    const m = setup();
    m.click('&File', '&New Project…');
    m.click('&File', '&Open Project…');
    m.click('&File', 'Save Project &As…');
    expect(m.commands).toEqual([{ type: 'new' }, { type: 'open' }, { type: 'save-as' }]);
  });

  it("Export Report opens the renderer's Export dialog (menu:command export), not a project command", () => {
    const m = setup();
    m.click('&File', '&Export Report…');
    expect(m.sent).toEqual(['export']);
    expect(m.commands).toEqual([]);
  });

  it('lists recent projects and opens them; says so when there are none', () => {
    const m = setup(['/p/a.permsim', '/p/b.permsim']);
    const recent = m.items('&File').find(i => i.label === 'Open &Recent')
      ?.submenu as MenuItemConstructorOptions[];
    expect(recent.map(i => i.label)).toEqual(['/p/a.permsim', '/p/b.permsim']);
    (recent[1]?.click as () => void)();
    expect(m.commands).toEqual([{ type: 'open-recent', path: '/p/b.permsim' }]);
    const empty = setup()
      .items('&File')
      .find(i => i.label === 'Open &Recent')?.submenu as MenuItemConstructorOptions[];
    expect(empty).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it('Undo/Redo go to the renderer, and do not steal Ctrl+Z from text fields', () => {
    const m = setup();
    m.click('&Edit', '&Undo Model Edit');
    m.click('&Edit', '&Redo Model Edit');
    expect(m.sent).toEqual(['undo', 'redo']);
    for (const item of m.items('&Edit').slice(0, 2)) expect(item.registerAccelerator).toBe(false);
  });

  it('a packaged build has no dev tools entry; macOS gets the app menu', () => {
    expect(
      setup()
        .items('&View')
        .some(i => i.role === 'toggleDevTools'),
    ).toBe(false);
    expect(setup([], true).template[0]?.role).toBe('appMenu');
  });
});
