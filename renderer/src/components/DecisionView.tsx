import type { Decision, RestRequest } from '../../../shared/model/decision';
import { useGraphStore } from '../graph';
import { useWhatIfStore } from '../whatif';
import { useAppStore } from '../stores/app-store';
import { statusClass } from '../lib/status-class';
import { STATUS_REASONS } from '../../../shared/rest/bodies';
import { StepItem } from './DecisionSteps';

/** Where the evaluation time came from (docs/model-format.md, "Evaluation time"). */
const EVALUATED_FROM = {
  request: "the request's time",
  model: "the model's now:",
  clock: 'the current time',
} as const;

function credentialsText(c: RestRequest['credentials']): string {
  if (c.type === 'basic') return `${c.user}:`;
  if (c.type === 'appKey') return `appKey ${c.key}${c.via === 'query' ? ' (in URL)' : ''}:`;
  return 'no auth:';
}

/**
 * A decision with its explanation. `request` is the call it answers; by default the Ask view's
 * (the Traffic view passes the logged request, which is never re-evaluated).
 */
export function DecisionView({
  decision,
  request: given,
  revealSteps,
}: {
  decision: Decision;
  request?: RestRequest;
  /** Step by step (the Ask view's bar): only the first n explanation steps are shown. */
  revealSteps?: number;
}) {
  const staleAsk = useAppStore(
    s => s.askedAtRevision !== null && s.info !== null && s.askedAtRevision !== s.info.revision,
  );
  const asked = useAppStore(s => s.askedRequest);
  const request = given ?? asked;
  const stale = given === undefined && staleAsk;
  return (
    <section className="decision" aria-label="Answer">
      <div className="answer-head">
        <div
          className={`status-badge ${statusClass(decision.status)}`}
          aria-label="HTTP status"
          role="status"
        >
          <span className="code">{decision.status}</span>
          <span className="reason">{STATUS_REASONS[decision.status] ?? ''}</span>
        </div>
        <div className="answer-main">
          {request && (
            <div className="answer-call mono" aria-label="Asked call">
              <span className="who">{credentialsText(request.credentials)}</span> {request.method}{' '}
              {request.path}
            </div>
          )}
          <div className="answer-meta">
            <span className={`outcome ${decision.outcome}`}>{decision.outcome}</span>
            {decision.user && request?.credentials.type !== 'basic' && (
              <span className="muted">
                runs as user <b>{decision.user}</b>
              </span>
            )}
            <span className="muted">
              decided at <code>{decision.deciding.step}</code> ·{' '}
              <code>{decision.deciding.where}</code>
              {decision.deciding.resource ? (
                <>
                  {' '}
                  · <code>{decision.deciding.resource}</code>
                </>
              ) : null}{' '}
              · <code>{decision.deciding.effect}</code>
            </span>
            {decision.evaluatedAt && (
              <span className="muted" aria-label="Evaluation time">
                evaluated at <code>{decision.evaluatedAt.at}</code> (
                {EVALUATED_FROM[decision.evaluatedAt.source]})
              </span>
            )}
            {stale && <span className="tag warn">re-evaluating…</span>}
            {request && (
              <button
                type="button"
                className="show-in-graph"
                onClick={() => void useGraphStore.getState().showDecision(request)}
              >
                Show in graph
              </button>
            )}
            {request &&
              decision.outcome !== 'allowed' &&
              // A 405 is the method, not a permission: no change to the model can fix it.
              decision.status !== 405 &&
              request.credentials.type !== 'none' && (
                <button
                  type="button"
                  className="suggest-fixes"
                  onClick={() => void useWhatIfStore.getState().suggestFixes(request)}
                >
                  Suggest fixes
                </button>
              )}
          </div>
          <pre className="body mono" aria-label="Response body">
            {decision.body || '(empty body)'}
          </pre>
        </div>
      </div>
      {decision.unknowns.length > 0 && (
        <div className="unknowns" role="note" aria-label="Not modelled">
          <b>UNKNOWN</b> — the simulator does not model:
          <ul>
            {decision.unknowns.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </div>
      )}
      {decision.optionsUsed.length > 0 && (
        <div className="options-used">
          Model options that decided:{' '}
          {decision.optionsUsed.map(o => (
            <code key={o} className="chip option">
              {o}
            </code>
          ))}
        </div>
      )}
      <h3 className="section-title">Explanation</h3>
      <ol className="steps" aria-label="Explanation">
        {decision.explanation.slice(0, revealSteps).map((step, i) => (
          <StepItem key={i} index={i + 1} step={step} />
        ))}
      </ol>
    </section>
  );
}
