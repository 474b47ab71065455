/** The logged requests, newest first: tick to save, click or Enter to explain. */
import { useShallow } from 'zustand/react/shallow';
import type { TrafficEntry } from '../../../shared/contract';
import { statusClass } from '../lib/status-class';
import { useTrafficStore } from './traffic-store';

export function TrafficTable({ shown }: { shown: readonly TrafficEntry[] }) {
  const { status, entries, selected, picked } = useTrafficStore(
    useShallow(s => ({
      status: s.status,
      entries: s.entries,
      selected: s.selected,
      picked: s.picked,
    })),
  );
  const store = useTrafficStore.getState;
  return entries.length === 0 ? (
    <p className="empty-state">
      {status.running
        ? `No requests yet. Point a client at ${status.url ?? ''}/Thingworx, e.g. curl -u alice:any ${status.url ?? ''}/Thingworx/Things`
        : 'Start the stand-in server, then point scripts, Postman or integration tests at it: every request they make appears here with its answer and why.'}
    </p>
  ) : (
    <table className="traffic-table" aria-label="Requests">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Save</span>
          </th>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">Caller</th>
          <th scope="col">Call</th>
        </tr>
      </thead>
      <tbody>
        {shown.map(e => (
          <tr
            key={e.seq}
            aria-selected={e.seq === selected}
            tabIndex={0}
            onClick={() => store().select(e.seq)}
            onKeyDown={k => {
              if (k.key === 'Enter' || k.key === ' ') {
                k.preventDefault();
                store().select(e.seq);
              }
            }}
          >
            <td onClick={c => c.stopPropagation()}>
              <input
                type="checkbox"
                aria-label={`Tick request ${e.seq}`}
                checked={picked.includes(e.seq)}
                onChange={() => store().togglePick(e.seq)}
                onKeyDown={k => k.stopPropagation()}
              />
            </td>
            <td className="num">{e.seq}</td>
            <td className="mono">{e.time.slice(11, 19)}</td>
            <td>
              <span className={`traffic-status ${statusClass(e.status)}`}>{e.status}</span>
              {e.outcome === 'unknown' && <span className="tag warn">UNKNOWN</span>}
              {e.change && <span className={`tag change-${e.change}`}>{e.change}</span>}
              {e.sessionChange && (
                <span className="tag" title={e.sessionChange}>
                  model changed
                </span>
              )}
            </td>
            <td className="mono">{e.caller}</td>
            <td className="mono traffic-call" title={`${e.method} ${e.url}`}>
              {e.method} {e.url}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
