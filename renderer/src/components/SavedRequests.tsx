import { useShallow } from 'zustand/react/shallow';
import { credentialsLabel } from '../lib/saved-requests';
import { useAppStore } from '../stores/app-store';
import { statusClass } from '../lib/status-class';

export function SavedRequests() {
  const { requests, checks, load, ask } = useAppStore(
    useShallow(s => ({
      requests: s.requests,
      checks: s.requestChecks,
      load: s.loadSavedRequest,
      ask: s.ask,
    })),
  );
  if (requests.length === 0) {
    return (
      <div className="empty-state">
        This model has no saved requests (<code>requests:</code> in the model file).
      </div>
    );
  }
  const passed = checks.filter(c => 'expectation' in c && c.expectation.verdict === 'pass').length;
  const failed = checks.filter(c => 'error' in c || c.expectation.verdict === 'fail').length;
  return (
    <div className="saved">
      <p className="summary">
        <span className="badge pass">{passed} passed</span>{' '}
        <span className={failed > 0 ? 'badge fail' : 'badge'}>{failed} failed</span>
        <span className="muted">
          {' '}
          — the expectations of the model's <code>requests:</code>, evaluated on the current model.
        </span>
      </p>
      <table className="grid saved-table" aria-label="Saved requests">
        <colgroup>
          <col style={{ width: 62 }} />
          <col />
          <col style={{ width: 92 }} />
          <col style={{ width: 66 }} />
          <col style={{ width: 52 }} />
          <col style={{ width: 50 }} />
        </colgroup>
        <thead>
          <tr>
            <th>Result</th>
            <th>Call</th>
            <th>Credentials</th>
            <th>Expected</th>
            <th>Actual</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {requests.map((r, i) => {
            const c = checks[i];
            const verdict = !c ? 'pending' : 'error' in c ? 'fail' : c.expectation.verdict;
            return (
              <tr key={i}>
                <td>
                  <span
                    className={`badge ${verdict}`}
                    title={c ? ('error' in c ? c.error : c.expectation.reason) : 'evaluating'}
                  >
                    {verdict === 'none' ? 'no expectation' : verdict}
                  </span>
                </td>
                <td>
                  <div className="mono wrap">{r.call}</div>
                  {r.note && <div className="muted small note">{r.note}</div>}
                </td>
                <td>{credentialsLabel(r)}</td>
                <td>{r.expect?.status ?? (r.expect?.body ? 'body' : '—')}</td>
                <td>
                  {c && 'status' in c ? (
                    <span className={`status-chip ${statusClass(c.status)}`}>{c.status}</span>
                  ) : c && 'error' in c ? (
                    <span className="muted small">{c.error}</span>
                  ) : (
                    '…'
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Ask saved request ${i + 1}`}
                    onClick={() => {
                      load(r);
                      void ask();
                    }}
                  >
                    Ask
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
