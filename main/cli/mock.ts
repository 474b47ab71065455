/**
 * `permsim mock MODEL|PROJECT [--scenario FILE] [--port 8080] [--host 127.0.0.1] [--log FILE.jsonl]`:
 * a stand-in ThingWorx on this machine (docs/stand-in-server.md). Real clients (scripts, Postman,
 * integration tests) call it as they would call ThingWorx; it answers with PermSim's decisions and
 * prints one line per request. With `--scenario` every request is answered by the changed model and
 * also evaluated on the baseline; on exit (Ctrl+C) it prints the calls the change would break.
 *
 * @example
 * permsim mock assets/demos/sensor-datastream.yaml --port 8080
 * curl -u alice:x http://127.0.0.1:8080/Thingworx/Things/SensorDataStream/Properties/temperature
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { openModelSession } from '../api';
import { parseScenarioText } from '../../shared/whatif/scenario-file';
import { applyChanges } from '../../shared/whatif/change';
import type { Model } from '../../shared/model/types';
import { formatCompareSummary, formatLogLine } from '../mock/log';
import { permissionTestsFromLog } from '../mock/record';
import {
  DEFAULT_MOCK_HOST,
  DEFAULT_MOCK_PORT,
  isLoopbackHost,
  startMockServer,
} from '../mock/server';
import type { CliIo, CliProblem } from './io';
import { EXIT, problemsOf, refuse } from './io';

export type MockOptions = {
  scenario?: string;
  port?: string;
  host?: string;
  log?: string;
  /** A `*.permsim-test.yaml` file written on exit from the calls received. */
  record?: string;
  /** commander's `--no-requests`: false when given. */
  requests?: boolean;
};

/** The scenario's model: the baseline with the scenario's changes applied. */
function scenarioModel(
  baseline: Model,
  path: string,
): { model: Model } | { error: string; problems?: CliProblem[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      error: `cannot read the scenario ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    };
  }
  const parsed = parseScenarioText(text, path);
  if (!parsed.ok)
    return {
      error: `the scenario has ${parsed.errors.length} problem(s):\n  ${parsed.errors.join('\n  ')}`,
      problems: parsed.errors.map(message => ({ file: path, message })),
    };
  const applied = applyChanges(baseline, parsed.scenario.changes);
  if (!applied.ok) return { error: `${path}: ${applied.error.message}` };
  return { model: applied.model };
}

/**
 * Runs the stand-in until `stop` resolves (default: SIGINT or SIGTERM), then prints the compare
 * summary. Exit 0 after a clean stop; 2 for bad input (model, scenario, port, host in use).
 */
export async function runMock(
  modelPath: string,
  opts: MockOptions,
  io: CliIo,
  stop?: Promise<void>,
): Promise<number> {
  const bad = (message: string, code = 'bad-input', problems: CliProblem[] = []): number =>
    refuse(io, 'mock', false, code, message, problems);
  const port = opts.port === undefined ? DEFAULT_MOCK_PORT : Number(opts.port);
  if (opts.port !== undefined && (!/^\d+$/.test(opts.port) || port > 65535))
    return bad(`--port must be a whole number from 0 to 65535, got '${opts.port}'.`);
  const host = opts.host ?? DEFAULT_MOCK_HOST;
  if (opts.record !== undefined && !/\.permsim-test\.(ya?ml|json)$/.test(opts.record))
    return bad(`--record must name a *.permsim-test.yaml file, got '${opts.record}'.`);
  if (opts.record !== undefined && opts.scenario !== undefined)
    return bad(
      "--record keeps one model's answers as tests of that model; use it without --scenario.",
    );
  if (host.trim() === '') return bad('--host must name an interface, e.g. 127.0.0.1.');

  const session = openModelSession(modelPath);
  if (!session.ok)
    return bad(session.error.message, session.error.code, problemsOf(session.error.details));
  const model = session.value.model();
  // The model is a value: the stand-in never reads or writes the project file again.
  session.value.close();
  let changed: Model | undefined;
  if (opts.scenario !== undefined) {
    const s = scenarioModel(model, opts.scenario);
    if ('error' in s) return bad(s.error, 'scenario-invalid', s.problems);
    changed = s.model;
  }

  const printLines = opts.requests !== false;
  let answered = 0;
  const started = await startMockServer({
    model,
    ...(changed ? { scenarioModel: changed } : {}),
    host,
    port,
    ...(opts.log !== undefined ? { logFile: opts.log } : {}),
    onEntry: e => {
      answered++;
      if (printLines) io.out(`${formatLogLine(e)}\n`);
    },
    onLogError: message => io.err(`permsim mock: ${message}; requests are still answered.\n`),
  });
  if (!started.ok) return bad(started.error.message, started.error.code);
  const server = started.value;
  if (!isLoopbackHost(host))
    io.err(
      `permsim mock: WARNING: listening on ${host}, not only on this machine: anyone who can reach ${server.url} can query the model ${modelPath}.\n`,
    );
  io.out(
    `PermSim stand-in ThingWorx for ${modelPath}${opts.scenario !== undefined ? ` with the scenario ${opts.scenario} (compared with the baseline)` : ''}\n` +
      `Listening on ${server.url}/Thingworx  (Ctrl+C to stop)\n` +
      `No real credentials are needed: passwords are checked only where the model declares them.\n`,
  );

  await (stop ??
    new Promise<void>(resolve => {
      const done = (): void => {
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        resolve();
      };
      process.on('SIGINT', done);
      process.on('SIGTERM', done);
    }));
  await server.close();
  const summary = server.summary();
  if (summary && opts.scenario !== undefined) io.out(formatCompareSummary(summary, opts.scenario));
  if (opts.record !== undefined) {
    const model = relative(dirname(resolve(opts.record)), resolve(modelPath)) || modelPath;
    try {
      writeFileSync(opts.record, permissionTestsFromLog(server.entries(), model));
      io.out(
        `Wrote the calls as permission tests to ${opts.record} (run them with permsim test).\n`,
      );
    } catch (e) {
      io.err(`permsim mock: cannot write ${opts.record}: ${(e as Error).message}\n`);
    }
  }
  io.out(`Stopped after ${answered} request(s).\n`);
  return EXIT.ok;
}
