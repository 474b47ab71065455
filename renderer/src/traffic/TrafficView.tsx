/**
 * The Traffic view (docs/stand-in-server.md "In the app"): start the stand-in ThingWorx on the open
 * project, point real clients at the URL it shows, and watch their requests arrive: caller, call,
 * status, UNKNOWN and simulated answers. Filters narrow by status, caller and entity; a row opens
 * the decision with its explanation as the Ask view shows it. "Save as permission tests" turns the
 * log into a `*.permsim-test.yaml` file.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TrafficBar } from './TrafficBar';
import { TrafficDetail } from './TrafficDetail';
import { TrafficFilters } from './TrafficFilters';
import { TrafficTable } from './TrafficTable';
import { matches, useTrafficStore } from './traffic-store';
import './traffic.css';

/** How often the view asks for new requests while the stand-in runs. */
const POLL_MS = 1000;
/** Rows drawn at once (the newest); the filters reach the older ones. */
const ROWS_SHOWN = 300;

export function TrafficView() {
  const { status, entries, total, filter, selected } = useTrafficStore(
    useShallow(s => ({
      status: s.status,
      entries: s.entries,
      total: s.total,
      filter: s.filter,
      selected: s.selected,
    })),
  );
  const store = useTrafficStore.getState;

  // Asks once on opening (the stand-in may already run), then every second while it runs.
  useEffect(() => {
    void store().poll();
    void store().loadScenarios();
  }, [store]);
  useEffect(() => {
    if (!status.running) return;
    const timer = setInterval(() => void store().poll(), POLL_MS);
    return () => clearInterval(timer);
  }, [status.running, store]);

  const shown = useMemo(
    () =>
      entries
        .filter(e => matches(e, filter))
        .slice(-ROWS_SHOWN)
        .reverse(),
    [entries, filter],
  );
  const open = selected === null ? undefined : entries.find(e => e.seq === selected);

  return (
    <div className="traffic-view">
      <TrafficBar />
      {status.compare && (
        <p className="traffic-compare" role="status" aria-label="Compare summary">
          Answering with the scenario <strong>{status.compare.scenario}</strong> applied:{' '}
          {status.compare.revoked} revoked, {status.compare.gained} gained, {status.compare.changed}{' '}
          changed of {status.compare.requests} request(s) compared with the project as it is.
        </p>
      )}
      <TrafficFilters shown={shown.length} total={total} />
      <div className="traffic-body">
        <div className="traffic-table-wrap">
          <TrafficTable shown={shown} />
        </div>
        {open && <TrafficDetail open={open} />}
      </div>
    </div>
  );
}
