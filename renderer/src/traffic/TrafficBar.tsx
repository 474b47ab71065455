/** The stand-in server's bar: port, scenario to compare with, start/stop, and saving the log. */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTrafficStore } from './traffic-store';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function TrafficBar() {
  const { status, entries, picked, starting, scenarios } = useTrafficStore(
    useShallow(s => ({
      picked: s.picked,
      scenarios: s.scenarios,
      status: s.status,
      entries: s.entries,
      starting: s.starting,
    })),
  );
  const store = useTrafficStore.getState;
  const [port, setPort] = useState('8080');
  const [saved, setSaved] = useState('');
  const [compareWith, setCompareWith] = useState('');
  const portValid = /^\d+$/.test(port) && Number(port) <= 65535;
  return (
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
              void store().start(Number(port), compareWith === '' ? undefined : Number(compareWith))
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
  );
}
