/**
 * The stand-in ThingWorx's HTTP server (docs/stand-in-server.md): answers `/Thingworx/...` as the
 * model would (respond.ts), keeps property writes in memory, and logs every request.
 *
 * Safety (why each rule exists):
 * - it binds to 127.0.0.1 unless the caller passes another host (the CLI prints a warning then);
 * - bound to loopback it answers only the loopback Host names, so a web page that rebinds its DNS
 *   name to 127.0.0.1 cannot read the customer's model through a browser;
 * - bodies above `maxBodyBytes` are refused with 413 before they are read further;
 * - the only file it writes is the log the caller names, through an asynchronous stream (never a
 *   synchronous write on the request loop); it reads no file after start.
 * The engine's check takes microseconds, so it runs on the request loop itself.
 *
 * @example
 * const s = await startMockServer({ model, port: 0 });
 * if (s.ok) { await fetch(`${s.value.url}/Thingworx/Things`); await s.value.close(); }
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Model } from '../../shared/model/types';
import type { Result } from '../../shared/model/result';
import { err, ok } from '../../shared/model/result';
import { CompareTally, logEntry, logLine } from './log';
import type { CompareSummary, MockLogEntry } from './log';
import { PropertyValues, respond } from './respond';
import type { MockAnswer, MockHttpRequest } from './respond';

export const DEFAULT_MOCK_HOST = '127.0.0.1';
export const DEFAULT_MOCK_PORT = 8080;
/** Request bodies above this many bytes are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Entries kept in memory for the app's Traffic view and "save as requests". */
export const KEPT_ENTRIES = 5000;

export type MockServerOptions = {
  /** The model, or a getter asked on every request (the app's stand-in follows the project's edits). */
  model: Model | (() => Model);
  /** Compare mode: requests are answered by this model and also evaluated against `model`. */
  scenarioModel?: Model | (() => Model);
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** JSON-lines log file (appended). */
  logFile?: string;
  maxBodyBytes?: number;
  /** Called for every request after it is answered. */
  onEntry?: (e: MockLogEntry) => void;
  /** Called once if the log file cannot be written (the server keeps answering). */
  onLogError?: (message: string) => void;
};

export type MockServer = {
  url: string;
  host: string;
  port: number;
  /** The last KEPT_ENTRIES entries, oldest first, each with the engine's decision. */
  entries: () => MockLogEntry[];
  /** How many requests were answered. */
  total: () => number;
  /** Compare mode: the calls whose answer would change; undefined without a scenario. */
  summary: () => CompareSummary | undefined;
  /** Stops accepting, ends open connections and flushes the log. */
  close: () => Promise<void>;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopbackHost = (host: string): boolean =>
  LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The Host header values a loopback-bound stand-in answers to. */
function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  const h = hostHeader.toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(h);
}

const unwrapIp = (ip: string | undefined): string =>
  ip === undefined ? '' : ip.startsWith('::ffff:') ? ip.slice(7) : ip;

/** Refuses an oversized body: the answer is sent first, then the connection is dropped. */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.on('finish', () => req.destroy());
  plain(res, 413, 'Payload Too Large', true);
}

/**
 * Writes a whole answer with its length: without `Content-Length` node:http sends the body chunked,
 * as three socket writes (header, chunk, terminator) gathered into one `writev`; with it the header
 * and the body leave in one plain write, which is most of a short answer's cost.
 */
function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function plain(res: ServerResponse, status: number, text: string, close = false): void {
  send(
    res,
    status,
    { 'Content-Type': 'text/plain; charset=utf-8', ...(close ? { Connection: 'close' } : {}) },
    text,
  );
}

/**
 * The model one world of the stand-in answers with: the given model, changed by the
 * context-manager calls answered so far (a Grant writes run-time entries, domain §7.14-7.15), as
 * ThingWorx's own model would change. Only in memory: the model file and the project never change.
 * When the given model itself changes (the app's project was edited), the calls are replayed on it.
 */
class SessionModel {
  private readonly calls: MockHttpRequest[] = [];
  private last: { base: Model; model: Model } | undefined;
  constructor(private readonly values: PropertyValues) {}

  current(base: Model): Model {
    if (this.calls.length === 0) return base;
    if (this.last?.base === base) return this.last.model;
    let model = base;
    // Replayed without property writes: the session's values are kept already.
    for (const c of this.calls) model = respond(model, this.values, c, false).effect ?? model;
    this.last = { base, model };
    return model;
  }

  changed(base: Model, call: MockHttpRequest, model: Model): void {
    this.calls.push(call);
    this.last = { base, model };
  }
}

export function startMockServer(opts: MockServerOptions): Promise<Result<MockServer>> {
  const host = opts.host ?? DEFAULT_MOCK_HOST;
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const values = new PropertyValues();
  const baseWorld = new SessionModel(values);
  const scenarioWorld = new SessionModel(values);
  const kept: MockLogEntry[] = [];
  const tally = opts.scenarioModel ? new CompareTally() : undefined;
  const checkHost = isLoopbackHost(host);
  let seq = 0;
  let port = 0;
  let log: WriteStream | undefined;
  let logFailed = false;
  // Lines of the requests answered in this turn of the event loop, written as one chunk: one
  // stream write per burst instead of one per request.
  let pending: string[] = [];
  const flush = (): void => {
    const lines = pending;
    pending = [];
    if (log && !logFailed && lines.length) log.write(lines.join(''));
  };

  const record = (e: MockLogEntry, decision: MockAnswer['decision']): void => {
    kept.push(decision ? { ...e, decision } : e);
    // Trimmed in halves, not one by one: shifting 5,000 entries on every request would cost more
    // than answering it.
    if (kept.length >= 2 * KEPT_ENTRIES) kept.splice(0, kept.length - KEPT_ENTRIES);
    tally?.add(e);
    if (log && !logFailed) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(logLine(e));
    }
    opts.onEntry?.(e);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const arrived = new Date();
    const http: MockHttpRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      clientIp: unwrapIp(req.socket.remoteAddress),
      body,
    };
    const baseGiven = typeof opts.model === 'function' ? opts.model() : opts.model;
    const scenarioGiven =
      typeof opts.scenarioModel === 'function' ? opts.scenarioModel() : opts.scenarioModel;
    const baseline = baseWorld.current(baseGiven);
    const scenario = scenarioGiven ? scenarioWorld.current(scenarioGiven) : undefined;
    const a = respond(scenario ?? baseline, values, http);
    // The baseline is evaluated without keeping its writes: the scenario's answer is the real one.
    const b = scenario ? respond(baseline, values, http, false) : undefined;
    // Each world keeps its own context-manager changes (compare mode: both evolve side by side).
    if (a.effect) {
      if (scenarioGiven) scenarioWorld.changed(scenarioGiven, http, a.effect);
      else baseWorld.changed(baseGiven, http, a.effect);
    }
    if (b?.effect) baseWorld.changed(baseGiven, http, b.effect);
    send(res, a.status, a.headers, a.body);
    record(logEntry(++seq, arrived, http, a, b), a.decision);
  };

  const server = createServer((req, res) => {
    if (checkHost && !hostAllowed(req.headers.host, port)) {
      plain(res, 421, 'Misdirected Request: this stand-in answers only 127.0.0.1 and localhost.');
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      tooLarge(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > maxBody) {
        refused = true;
        chunks.length = 0;
        tooLarge(req, res);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) answer(req, res, Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => {
      refused = true;
    });
  });
  server.keepAliveTimeout = 5000;

  return new Promise(resolve => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      resolve(
        err(
          e.code === 'EADDRINUSE' ? 'port-in-use' : 'listen-failed',
          e.code === 'EADDRINUSE'
            ? `port ${opts.port ?? DEFAULT_MOCK_PORT} on ${host} is already in use; choose another with --port.`
            : `cannot listen on ${host}:${opts.port ?? DEFAULT_MOCK_PORT}: ${e.message}`,
        ),
      );
    });
    server.listen(opts.port ?? DEFAULT_MOCK_PORT, host, () => {
      port = (server.address() as AddressInfo).port;
      if (opts.logFile !== undefined) {
        log = createWriteStream(opts.logFile, { flags: 'a' });
        log.on('error', e => {
          if (logFailed) return;
          logFailed = true;
          opts.onLogError?.(`cannot write the log ${opts.logFile}: ${e.message}`);
        });
      }
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve(
        ok({
          url: `http://${shownHost}:${port}`,
          host,
          port,
          entries: () => kept.slice(-KEPT_ENTRIES),
          total: () => seq,
          summary: () => tally?.summary(),
          close: () =>
            new Promise<void>(done => {
              server.close(() => {
                flush();
                if (log && !logFailed) log.end(() => done());
                else done();
              });
              server.closeAllConnections();
            }),
        }),
      );
    });
  });
}
