/**
 * The saved requests of the model (`requests:` in the model file) run on the current model, with a
 * clear pass/fail mark each. A failing row's actual answer can be accepted as its expectation, or
 * every failing row's at once; either is one edit, undone with Undo.
 */
import { useShallow } from 'zustand/react/shallow';
import { credentialsLabel } from '../lib/saved-requests';
import { statusClass } from '../lib/status-class';
import type { RequestCheck } from '../stores/project-slice';
import { useAppStore } from '../stores/app-store';
import { BreakableCall } from '../whatif/BreakableCall';

type Verdict = 'pass' | 'fail' | 'none' | 'pending';

const MARK: Record<Verdict, string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  none: 'no expectation',
  pending: '…',
};

const verdictOf = (c: RequestCheck | undefined): Verdict =>
  !c ? 'pending' : 'error' in c ? 'fail' : c.expectation.verdict;

/** Failing rows whose actual answer is known (a row that could not run has none to accept). */
const acceptable = (c: RequestCheck | undefined): boolean =>
  !!c && 'status' in c && c.expectation.verdict === 'fail';

export function SavedRequests() {
  const { requests, checks, load, ask, accept } = useAppStore(
    useShallow(s => ({
      requests: s.requests,
      checks: s.requestChecks,
      load: s.loadSavedRequest,
      ask: s.ask,
      accept: s.acceptActual,
    })),
  );
  if (requests.length === 0) {
    return (
      <div className="empty-state">
        This model has no saved requests yet: ask a call and press <b>Save this request</b>, or add
        them under <code>requests:</code> in the model file.
      </div>
    );
  }
  const passed = checks.filter(c => verdictOf(c) === 'pass').length;
  const failed = checks.filter(c => verdictOf(c) === 'fail').length;
  const failing = requests.map((_, i) => i).filter(i => acceptable(checks[i]));
  return (
    <div className="saved">
      <p className="summary">
        <span className="badge pass">{passed} passed</span>{' '}
        <span className={failed > 0 ? 'badge fail' : 'badge'}>{failed} failed</span>
        <span className="muted"> — evaluated on the current model.</span>
        {failing.length > 0 && (
          <button type="button" className="small-btn" onClick={() => void accept(failing)}>
            Accept actual as expected for all {failing.length} failing
          </button>
        )}
      </p>
      <table className="grid saved-table" aria-label="Saved requests">
        <colgroup>
          <col style={{ width: 96 }} />
          <col />
          <col style={{ width: 110 }} />
          <col style={{ width: 84 }} />
          <col style={{ width: 70 }} />
          <col style={{ width: 96 }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">Call</th>
            <th scope="col">Credentials</th>
            <th scope="col">Expected</th>
            <th scope="col">Actual</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r, i) => {
            const c = checks[i];
            const verdict = verdictOf(c);
            return (
              <tr key={i} aria-label={`Request ${i + 1}: ${MARK[verdict]}`}>
                <td>
                  <span
                    className={`badge ${verdict}`}
                    title={c ? ('error' in c ? c.error : c.expectation.reason) : 'evaluating'}
                  >
                    {MARK[verdict]}
                  </span>
                </td>
                <td>
                  <div className="mono call-wrap">
                    <BreakableCall call={r.call} />
                  </div>
                  {r.note && <div className="muted small note">{r.note}</div>}
                </td>
                <td className="truncate" title={credentialsLabel(r)}>
                  {credentialsLabel(r)}
                </td>
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
                <td className="row-actions">
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
                  {acceptable(c) && (
                    <button
                      type="button"
                      className="small-btn"
                      aria-label={`Accept the actual answer of request ${i + 1} as expected`}
                      onClick={() => void accept([i])}
                    >
                      Accept
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
