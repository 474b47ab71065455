// The desktop app's first start on a fresh data dir: the demo project opens and the seed question
// answers 403 through the real IPC, handler map, engine and SQLite project.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './electron-fixtures';

test('@electron first start opens the demo project and answers the seed question', async ({
  appWindow,
  dataDir,
}) => {
  const info = await appWindow.evaluate(() =>
    (
      window as unknown as {
        permsim: {
          invoke(n: string, a: unknown): Promise<{ ok: boolean; value?: { path: string } }>;
        };
      }
    ).permsim.invoke('project:info', {}),
  );
  expect(info.ok).toBe(true);
  expect(info.value?.path.endsWith(path.join(path.basename(dataDir), 'demo.permsim'))).toBe(true);
  expect(existsSync(path.join(dataDir, 'demo.permsim'))).toBe(true);

  const decision = await appWindow.evaluate(() =>
    (
      window as unknown as {
        permsim: {
          invoke(n: string, a: unknown): Promise<{ ok: boolean; value?: { status: number } }>;
        };
      }
    ).permsim.invoke('engine:ask', {
      request: {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
        credentials: { type: 'basic', user: 'alice' },
      },
    }),
  );
  expect(decision).toMatchObject({ ok: true, value: { status: 403 } });
  await expect(appWindow).toHaveTitle('PermSim');
});
