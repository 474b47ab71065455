/**
 * Layout worker: runs `layoutTree` off the UI thread for large visible trees (style.md §3.4) and sends
 * the positions back as a transferred buffer.
 *
 * @example
 * worker.postMessage({ id: 1, rows }); // -> { id: 1, positions: Float64Array }
 */
import { answerRequests } from '../lib/worker-answer';
import type { LayoutRow } from './tree-layout';
import { layoutTree } from './tree-layout';

answerRequests(
  (req: { rows: LayoutRow[] }) => ({ positions: layoutTree(req.rows) }),
  res => [res.positions.buffer],
);
