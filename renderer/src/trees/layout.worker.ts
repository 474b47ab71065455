/**
 * Layout worker: runs `layoutTree` off the UI thread for large visible trees (style.md §3.4) and sends
 * the positions back as a transferred buffer.
 *
 * @example
 * worker.postMessage({ id: 1, rows }); // -> { id: 1, positions: Float64Array }
 */
import type { LayoutRow } from './tree-layout';
import { layoutTree } from './tree-layout';

type Scope = {
  onmessage: ((e: MessageEvent<{ id: number; rows: LayoutRow[] }>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};
const scope = self as unknown as Scope;

scope.onmessage = e => {
  const positions = layoutTree(e.data.rows);
  scope.postMessage({ id: e.data.id, positions }, [positions.buffer]);
};
