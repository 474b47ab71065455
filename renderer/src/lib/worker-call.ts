/**
 * One lazily started Web Worker answering requests matched by id (layouts run off the UI thread,
 * style.md §3.4). When the worker cannot start (CSP, old runtime) or fails, the request is answered
 * inline instead, so a view is never left empty.
 *
 * `start` must contain the literal `new Worker(new URL('./x.worker.ts', import.meta.url), ...)`
 * expression: that is how Vite finds and bundles the worker.
 *
 * @example
 * const layout = workerCall(
 *   () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }),
 *   (req: { rows: Row[] }) => layoutTree(req.rows),
 *   data => (data as { positions?: Float64Array }).positions ?? null,
 * );
 * const positions = await layout({ rows });
 */
export function workerCall<Req extends object, Res>(
  start: () => Worker,
  inline: (req: Req) => Res | Promise<Res>,
  read: (data: unknown) => Res | null,
): (req: Req) => Promise<Res> {
  let worker: Worker | null | undefined;
  let nextId = 1;
  const pending = new Map<number, (res: Res | null) => void>();

  const getWorker = (): Worker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = start();
      worker.onmessage = (e: MessageEvent<{ id: number }>) => {
        pending.get(e.data.id)?.(read(e.data));
        pending.delete(e.data.id);
      };
      worker.onerror = () => {
        for (const done of pending.values()) done(null);
        pending.clear();
        worker = null;
      };
    } catch {
      worker = null;
    }
    return worker;
  };

  return req => {
    const w = getWorker();
    if (!w) return Promise.resolve(inline(req));
    const id = nextId++;
    return new Promise(resolve => {
      pending.set(id, res => resolve(res ?? inline(req)));
      w.postMessage({ id, ...req });
    });
  };
}
