/**
 * `npm run bench:mock` (docs/benchmarks.md "Stand-in server"): a bounded load test of the stand-in
 * ThingWorx on loopback. It starts the real command (`permsim mock` on the sensor demo, every
 * request logged with its explanation to a JSON-lines file) in its own process, sends 20,000
 * requests from 50 concurrent keep-alive connections (a mix of 200, 401, 403 and 404 answers, reads
 * and service POSTs), and prints the throughput and the latency percentiles. A benchmark, never a
 * test: nothing here fails on a slow machine.
 *
 * @example
 * npm run bench:mock
 * npm run bench:mock -- --requests 5000 --concurrency 20
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';

const ROOT = resolve(import.meta.dirname, '..');
const DEMO = join(ROOT, 'assets/demos/sensor-datastream.yaml');

type Call = { method: string; path: string; headers: Record<string, string>; body?: string };
const basic = (user: string) => `Basic ${Buffer.from(`${user}:x`).toString('base64')}`;
const JSON_TYPE = { 'Content-Type': 'application/json' };
const CALLS: Call[] = [
  {
    method: 'GET',
    path: '/Thingworx/Things/SensorDataStream/Properties/temperature',
    headers: { Authorization: basic('alice') },
  },
  {
    method: 'POST',
    path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
    headers: { Authorization: basic('alice'), ...JSON_TYPE },
    body: '{}',
  },
  {
    method: 'POST',
    path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
    headers: { Authorization: basic('bob'), ...JSON_TYPE },
    body: '{}',
  },
  { method: 'GET', path: '/Thingworx/Things/SensorDataStream/Properties/humidity', headers: {} },
  {
    method: 'GET',
    path: '/Thingworx/Things/LegacyGateway/Properties/firmware',
    headers: { Authorization: basic('dana') },
  },
  {
    method: 'GET',
    path: '/Thingworx/Things/SensorDataStream/Properties/temperature',
    headers: { appKey: 'analyst-key' },
  },
];

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. On a
 * shared machine the wall-clock throughput depends on the neighbours; the server's CPU time per
 * request does not.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

type Started = { url: string; pid: number | undefined; stop: () => Promise<void> };

function startServer(log: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/permsim.mjs'), 'mock', DEMO, '--port', '0', '--no-requests', '--log', log],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  return new Promise((ok, fail) => {
    child.on('exit', code => fail(new Error(`permsim mock exited (${code}): ${out}`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Listening on (\S+)\/Thingworx/.exec(out);
      if (m?.[1])
        ok({
          url: m[1],
          pid: child.pid,
          stop: () =>
            new Promise(done => {
              child.removeAllListeners('exit');
              child.on('exit', () => done());
              child.kill('SIGINT');
            }),
        });
    });
  });
}

function send(agent: Agent, base: URL, c: Call): Promise<number> {
  return new Promise((ok, fail) => {
    const r = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: c.path,
        headers: c.headers,
      },
      res => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    r.on('error', fail);
    r.end(c.body);
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const opts = new Command('bench:mock')
    .option('--requests <n>', 'requests to send', '20000')
    .option('--concurrency <n>', 'concurrent connections', '50')
    .parse(process.argv)
    .opts<{ requests: string; concurrency: string }>();
  const total = Number(opts.requests);
  const concurrency = Number(opts.concurrency);
  const dir = mkdtempSync(join(tmpdir(), 'permsim-bench-mock-'));
  const log = join(dir, 'log.jsonl');
  const server = await startServer(log);
  const base = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  // Warm-up: the engine's indices and the JIT, outside the measurement.
  for (let i = 0; i < 500; i++) await send(agent, base, CALLS[i % CALLS.length] as Call);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const cpuBefore = cpuSeconds(server.pid);
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const c = CALLS[next++ % CALLS.length] as Call;
      const t0 = process.hrtime.bigint();
      const status = await send(agent, base, c);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = cpuSeconds(server.pid);
  const cpuPerRequest =
    cpuBefore !== undefined && cpuAfter !== undefined
      ? ((cpuAfter - cpuBefore) / total) * 1e6
      : undefined;
  agent.destroy();
  await server.stop();
  const logBytes = statSync(log).size;
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const cpu = cpus();
  console.log(
    [
      `## Stand-in server (permsim mock), ${total} requests, ${concurrency} concurrent`,
      '',
      `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      '',
      '| requests | concurrency | seconds | requests/s | p50 ms | p99 ms | max ms | log |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${total} | ${concurrency} | ${seconds.toFixed(2)} | ${Math.round(total / seconds)} | ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 99).toFixed(2)} | ${(latencies.at(-1) ?? 0).toFixed(2)} | ${(logBytes / 1e6).toFixed(1)} MB JSON lines |`,
      '',
      `Statuses: ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}`,
      '',
      cpuPerRequest === undefined
        ? 'Server CPU per request: not measured (no /proc).'
        : `Server CPU per request: ${cpuPerRequest.toFixed(0)} µs (user + system), i.e. about ${Math.round(1e6 / cpuPerRequest)} requests/s per core the server has to itself.`,
      `Load average during the run: ${loadavg()
        .map(x => x.toFixed(1))
        .join(', ')}`,
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
