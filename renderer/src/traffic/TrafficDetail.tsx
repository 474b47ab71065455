/** One logged request explained: notes, then the decision as the Ask view shows it. */
import type { TrafficEntry } from '../../../shared/contract';
import type { RestRequest } from '../../../shared/model/decision';
import { DecisionView } from '../components/DecisionView';

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

export function TrafficDetail({ open }: { open: TrafficEntry }) {
  return (
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
  );
}
