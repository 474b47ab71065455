/**
 * Graph layout worker: runs `layoutGraph` (elkjs layered / fast-layered / d3-hierarchy) off the UI thread and sends
 * the positions back as a transferred buffer, with the time the layout took (for the UI bench).
 *
 * @example
 * worker.postMessage({ id: 1, input }); // -> { id: 1, positions, engine, ms }
 */
import type { LayoutInput } from './graph-layout';
import { layoutGraph } from './graph-layout';

type Scope = {
  onmessage: ((e: MessageEvent<{ id: number; input: LayoutInput }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};
const scope = self as unknown as Scope;

scope.onmessage = e => {
  const { id, input } = e.data;
  layoutGraph(input).then(
    out => scope.postMessage({ id, ...out }, [out.positions.buffer]),
    (err: unknown) =>
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
};
