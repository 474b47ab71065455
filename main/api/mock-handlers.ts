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
import type { Result, StandInStatus, TrafficEntry } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { permissionTestsFromLog } from '../mock/record';
import { startMockServer } from '../mock/server';
import type { MockServer } from '../mock/server';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';
import type { Model } from '../../shared/model/types';
import { applyChanges } from '../../shared/whatif/change';

export type MockApiName = 'mock:start' | 'mock:stop' | 'mock:traffic' | 'mock:tests';

/** At most this many entries per `mock:traffic` answer (the view asks again for the rest). */
export const TRAFFIC_PAGE = 500;

export type MockHandlerDeps = { session(): ProjectSession | undefined };

export type MockHandlers = { [K in MockApiName]: Handler<K> } & {
  /** Stops a running stand-in (the handler map closes). */
  closeMock(): Promise<void>;
};

export function mockHandlers(deps: MockHandlerDeps): MockHandlers {
  let running: { server: MockServer; project: ProjectSession; scenario?: string } | undefined;

  const status = (): StandInStatus => {
    if (!running) return { running: false };
    const s = running.server.summary();
    return {
      running: true,
      url: running.server.url,
      port: running.server.port,
      ...(s && running.scenario !== undefined
        ? {
            compare: {
              scenario: running.scenario,
              requests: s.requests,
              gained: s.counts.gained,
              revoked: s.counts.revoked,
              changed: s.counts.changed,
            },
          }
        : {}),
    };
  };

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
    'mock:start': async ({ port: wanted, scenario: id }): Promise<Result<StandInStatus>> => {
      const session = deps.session();
      if (!session)
        return err('no-project', 'No project is open: open one to start the stand-in server.');
      if (await current()) return ok(status());
      const scenario = id === undefined ? undefined : session.scenarios.get(id);
      if (id !== undefined && !scenario)
        return err('not-found', `There is no scenario ${id} in this project (see whatif:list).`);
      // The scenario's model follows the project's edits too; it is built once per model revision.
      const applied = new WeakMap<Model, Model>();
      const scenarioModel = (): Model => {
        const m = session.model();
        let s = applied.get(m);
        if (!s) {
          const r = applyChanges(m, scenario?.changes ?? []);
          // A change that no longer applies after an edit: answer with the baseline (no difference shown).
          s = r.ok ? r.model : m;
          applied.set(m, s);
        }
        return s;
      };
      if (scenario) {
        const first = applyChanges(session.model(), scenario.changes);
        if (!first.ok) return err('invalid-change', first.error.message);
      }
      const started = await startMockServer({
        // Asked per request: edits to the project change the stand-in's answers at once.
        model: () => session.model(),
        ...(scenario ? { scenarioModel } : {}),
        port: wanted ?? 8080,
      });
      if (!started.ok)
        return err(
          started.error.code,
          started.error.message.replace('with --port', 'with another port'),
        );
      running = {
        server: started.value,
        project: session,
        ...(scenario ? { scenario: scenario.name } : {}),
      };
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
