/**
 * The Traffic view (docs/stand-in-server.md "In the app"): start the stand-in ThingWorx on the open
 * project, point real clients at the URL it shows, and watch their requests arrive: caller, call,
 * status, UNKNOWN and simulated answers. Filters narrow by status, caller and entity; a row opens
 * the decision with its explanation as the Ask view shows it. "Save as permission tests" turns the
 * log into a `*.permsim-test.yaml` file.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TrafficEntry } from '../../../shared/contract';
import type { RestRequest } from '../../../shared/model/decision';
import { DecisionView } from '../components/DecisionView';
import { statusClass } from '../lib/status-class';
import { matches, useTrafficStore } from './traffic-store';
import type { StatusFilter } from './traffic-store';
import './traffic.css';

/** How often the view asks for new requests while the stand-in runs. */
const POLL_MS = 1000;
/** Rows drawn at once (the newest); the filters reach the older ones. */
const ROWS_SHOWN = 300;

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'all statuses' },
  { value: 'ok', label: '2xx (succeeded)' },
  { value: '401', label: '401' },
  { value: '403', label: '403' },
  { value: '404', label: '404' },
  { value: 'other', label: 'other refusals' },
  { value: 'changed', label: 'changed by the scenario' },
];

/** The logged call as a request, for the decision panel's heading (passwords are never logged). */
function requestOf(e: TrafficEntry): RestRequest {
  const credentials: RestRequest['credentials'] =
    e.caller === 'anonymous'
      ? { type: 'none' }
      : e.appKeyVia !== undefined
        ? { type: 'appKey', key: e.caller.slice('appKey:'.length), via: e.appKeyVia }
        : { type: 'basic', user: e.caller };
  return { method: e.method, path: e.url, credentials, clientIp: e.clientIp };
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function TrafficView() {
  const { status, entries, total, filter, selected, picked, starting, scenarios } = useTrafficStore(
    useShallow(s => ({
      picked: s.picked,
      scenarios: s.scenarios,
      status: s.status,
      entries: s.entries,
      total: s.total,
      filter: s.filter,
      selected: s.selected,
      starting: s.starting,
    })),
  );
  const store = useTrafficStore.getState;
  const [port, setPort] = useState('8080');
  const [saved, setSaved] = useState('');
  const [compareWith, setCompareWith] = useState('');

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
  const portValid = /^\d+$/.test(port) && Number(port) <= 65535;

  return (
    <div className="traffic-view">
      <div className="traffic-bar" role="group" aria-label="Stand-in server">
        {status.running ? (
          <>
            <span className="traffic-running" role="status">
              Stand-in ThingWorx at{' '}
              <code className="mono" aria-label="Stand-in URL">
                {status.url}/Thingworx
              </code>
            </span>
            <button type="button" onClick={() => void store().stop()}>
              Stop stand-in server
            </button>
          </>
        ) : (
          <>
            <label>
              Port
              <input
                aria-label="Port"
                className="traffic-port"
                value={port}
                inputMode="numeric"
                onChange={e => setPort(e.target.value)}
              />
            </label>
            <label>
              Compare with
              <select
                aria-label="Compare with scenario"
                value={compareWith}
                onChange={e => setCompareWith(e.target.value)}
              >
                <option value="">no scenario (the project as it is)</option>
                {scenarios.map(s => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="primary"
              disabled={!portValid || starting}
              onClick={() =>
                void store().start(
                  Number(port),
                  compareWith === '' ? undefined : Number(compareWith),
                )
              }
            >
              Start stand-in server
            </button>
            <span className="muted">
              Answers /Thingworx/... on 127.0.0.1 with this project&apos;s decisions; 0 = any free
              port.
            </span>
          </>
        )}
        <button
          type="button"
          disabled={entries.length === 0}
          onClick={() =>
            void store()
              .testsText()
              .then(r => {
                if (!r) return;
                download(r.text, 'traffic.permsim-test.yaml');
                setSaved(`Saved ${r.tests} test(s) as traffic.permsim-test.yaml.`);
              })
          }
        >
          Save as permission tests
        </button>
        <button
          type="button"
          disabled={picked.length === 0}
          title="The ticked rows become saved requests of the project, each expecting the status it got (undoable)"
          onClick={() => void store().saveAsRequests()}
        >
          Save {picked.length || ''} ticked as requests
        </button>
        {saved && <span className="muted">{saved}</span>}
      </div>
      {status.compare && (
        <p className="traffic-compare" role="status" aria-label="Compare summary">
          Answering with the scenario <strong>{status.compare.scenario}</strong> applied:{' '}
          {status.compare.revoked} revoked, {status.compare.gained} gained, {status.compare.changed}{' '}
          changed of {status.compare.requests} request(s) compared with the project as it is.
        </p>
      )}
      <div className="traffic-filters" role="group" aria-label="Traffic filters">
        <label>
          Status
          <select
            aria-label="Filter by status"
            value={filter.status}
            onChange={e => store().setFilter({ status: e.target.value as StatusFilter })}
          >
            {STATUS_FILTERS.map(f => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Caller
          <input
            aria-label="Filter by caller"
            value={filter.caller}
            placeholder="user or appKey:NAME"
            onChange={e => store().setFilter({ caller: e.target.value })}
          />
        </label>
        <label>
          Entity
          <input
            aria-label="Filter by entity"
            value={filter.entity}
            placeholder="e.g. SensorDataStream"
            onChange={e => store().setFilter({ entity: e.target.value })}
          />
        </label>
        <span className="muted" aria-live="polite">
          {shown.length} shown of {total} request(s)
        </span>
      </div>
      <div className="traffic-body">
        <div className="traffic-table-wrap">
          {entries.length === 0 ? (
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
          )}
        </div>
        {open && (
          <section className="traffic-detail" aria-label="Request explanation">
            {open.simulated && <p className="tag warn">Simulated answer: {open.simulated}</p>}
            {open.sessionChange && <p className="muted">Note: {open.sessionChange}</p>}
            {open.notes.map(n => (
              <p key={n} className="muted">
                Note: {n}
              </p>
            ))}
            {open.decision ? (
              <DecisionView decision={open.decision} request={requestOf(open)} />
            ) : (
              <ol className="traffic-steps">
                <li>
                  <strong>{open.status}</strong> before the engine:{' '}
                  {open.explanation.map(s => s.text).join(' ')}
                </li>
              </ol>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
