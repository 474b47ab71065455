/**
 * The worker side of `workerCall` (worker-call.ts): answers each `{ id, ...request }` message with
 * `{ id, ...answer }`, transferring the buffers `transfer` names, or `{ id, error }` when the answer
 * fails (the caller then answers inline, so a view is never left empty).
 *
 * @example
 * // layout.worker.ts
 * answerRequests(
 *   (req: { rows: LayoutRow[] }) => ({ positions: layoutTree(req.rows) }),
 *   res => [res.positions.buffer],
 * );
 */
export function answerRequests<Req extends object, Res extends object>(
  answer: (req: Req) => Res | Promise<Res>,
  transfer: (res: Res) => Transferable[] = () => [],
): void {
  // The renderer is type-checked with the DOM library, where `self` is a Window; in a worker it is
  // the worker's scope. Only shapes both share are used: `onmessage` and postMessage(message,
  // { transfer }). The handler is ASSIGNED, not added: elkjs, loaded in the graph worker, installs
  // its own `self.onmessage` dispatcher there, which must not answer our requests too.
  self.onmessage = (e: MessageEvent<Req & { id: number }>) => {
    const { id } = e.data;
    Promise.resolve(e.data)
      .then(answer)
      .then(
        res => self.postMessage({ id, ...res }, { transfer: transfer(res) }),
        (err: unknown) =>
          self.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
      );
  };
}
