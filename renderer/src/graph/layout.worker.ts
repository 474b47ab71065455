/**
 * Graph layout worker: runs `layoutGraph` (elkjs layered / fast-layered / d3-hierarchy) off the UI thread and sends
 * the positions back as a transferred buffer, with the time the layout took (for the UI bench).
 *
 * @example
 * worker.postMessage({ id: 1, input }); // -> { id: 1, positions, engine, ms }
 */
import { answerRequests } from '../lib/worker-answer';
import type { LayoutInput } from './graph-layout';
import { layoutGraph } from './graph-layout';

answerRequests(
  (req: { input: LayoutInput }) => layoutGraph(req.input),
  out => [out.positions.buffer],
);
