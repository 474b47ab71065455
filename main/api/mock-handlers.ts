/**
 * Contract calls of the app's stand-in ThingWorx (`mock:*`, docs/stand-in-server.md): start it on
 * 127.0.0.1 with the open project's model, stop it, read the requests it answered (the Traffic
 * view polls them), and turn them into a permission-test file. One stand-in per handler map; it
 * belongs to the project it was started for and stops when another project is opened.
 *
 * @example
 * const h = mockHandlers({ session: () => current });
 * await h['mock:start']({ port: 0 }); // { running: true, url: 'http://127.0.0.1:41234', port: 41234 }
 */
import { z } from 'zod';
import type { ApiArgs, Result, StandInStatus, TrafficEntry } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { permissionTestsFromLog } from '../mock/record';
import { startMockServer } from '../mock/server';
import type { MockServer } from '../mock/server';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';

export type MockApiName = 'mock:start' | 'mock:stop' | 'mock:traffic' | 'mock:tests';

/** At most this many entries per `mock:traffic` answer (the view asks again for the rest). */
export const TRAFFIC_PAGE = 500;

const port = z
  .number({ error: 'a number' })
  .int({ error: 'a whole number' })
  .min(0, { error: 'a port from 0 (any free port) to 65535' })
  .max(65535, { error: 'a port from 0 (any free port) to 65535' });

/** Argument schemas of the `mock:*` calls (merged into validators.ts `argSchemas`). */
export const mockArgSchemas: { [K in MockApiName]: z.ZodType<ApiArgs<K>> } = {
  'mock:start': z.strictObject({ port: port.optional() }),
  'mock:stop': z.strictObject({}),
  'mock:traffic': z.strictObject({
    after: z
      .number({ error: 'a number' })
      .int({ error: 'a whole number' })
      .min(0, { error: 'a request number from 0' })
      .optional(),
  }),
  'mock:tests': z.strictObject({}),
};

export type MockHandlerDeps = { session(): ProjectSession | undefined };

export type MockHandlers = { [K in MockApiName]: Handler<K> } & {
  /** Stops a running stand-in (the handler map closes). */
  closeMock(): Promise<void>;
};

export function mockHandlers(deps: MockHandlerDeps): MockHandlers {
  let running: { server: MockServer; project: ProjectSession } | undefined;

  const status = (): StandInStatus =>
    running
      ? { running: true, url: running.server.url, port: running.server.port }
      : { running: false };

  const stop = async (): Promise<void> => {
    const r = running;
    running = undefined;
    if (r) await r.server.close();
  };

  /** A stand-in started for a project that is no longer open stops: its answers would describe the old one. */
  const current = async (): Promise<typeof running> => {
    if (running && running.project !== deps.session()) await stop();
    return running;
  };

  return {
    'mock:start': async ({ port: wanted }): Promise<Result<StandInStatus>> => {
      const session = deps.session();
      if (!session)
        return err('no-project', 'No project is open: open one to start the stand-in server.');
      if (await current()) return ok(status());
      const started = await startMockServer({
        // Asked per request: edits to the project change the stand-in's answers at once.
        model: () => session.model(),
        port: wanted ?? 8080,
      });
      if (!started.ok)
        return err(
          started.error.code,
          started.error.message.replace('with --port', 'with another port'),
        );
      running = { server: started.value, project: session };
      return ok(status());
    },
    'mock:stop': async () => {
      await stop();
      return ok(status());
    },
    'mock:traffic': async ({ after }) => {
      const r = await current();
      if (!r) return ok({ ...status(), entries: [], total: 0 });
      const from = after ?? 0;
      const entries: TrafficEntry[] = r.server.entries().filter(e => e.seq > from);
      return ok({
        ...status(),
        entries: entries.slice(-TRAFFIC_PAGE),
        total: r.server.total(),
      });
    },
    'mock:tests': async () => {
      const r = await current();
      const session = deps.session();
      if (!r || !session)
        return err(
          'not-running',
          'The stand-in server is not running: start it and call it first.',
        );
      const entries = r.server.entries();
      const text = permissionTestsFromLog(entries, session.path);
      return ok({ text, tests: (text.match(/^ {2}- name:/gm) ?? []).length });
    },
    closeMock: stop,
  };
}
