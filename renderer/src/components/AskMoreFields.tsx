/** The Ask form's folded part: the JSON body, the client IP and the request time. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';

export function AskMoreFields() {
  const s = useAppStore(
    useShallow(st => ({ body: st.body, clientIp: st.clientIp, at: st.at, set: st.setAskField })),
  );
  return (
    <details className="more">
      <summary>Body, client IP and time</summary>
      <div className="row">
        <label className="field grow">
          <span>JSON body</span>
          <textarea
            aria-label="JSON body"
            className="mono"
            rows={3}
            placeholder='{ "maxItems": 10 }'
            value={s.body}
            onChange={e => s.set('body', e.target.value)}
          />
        </label>
        <div className="col">
          <label className="field">
            <span>Client IP</span>
            <input
              type="text"
              aria-label="Client IP"
              className="mono"
              placeholder="127.0.0.1"
              value={s.clientIp}
              onChange={e => s.set('clientIp', e.target.value)}
            />
          </label>
          <label className="field">
            <span>Request time</span>
            <input
              type="text"
              aria-label="Request time"
              className="mono"
              placeholder="2026-01-01T00:00:00Z"
              value={s.at}
              onChange={e => s.set('at', e.target.value)}
            />
          </label>
        </div>
      </div>
    </details>
  );
}
