import { memo } from 'react';
import type {
  Decision,
  ElementRef,
  RestRequest,
  Step,
  WrittenBy,
} from '../../../shared/model/decision';
import { formatLocatedEntry, isDenyEntry } from '../lib/entries';
import { refLabel, refToSelection } from '../lib/refs';
import { useGraphStore } from '../graph';
import { useWhatIfStore } from '../whatif';
import { useAppStore } from '../stores/app-store';
import { statusClass } from '../lib/status-class';
import { CiteChip } from '../reference';
import { useTreeStore } from '../trees';
import { STATUS_REASONS } from '../../../shared/rest/bodies';

const STEP_TITLE: Record<Step['kind'], string> = {
  authentication: 'Authentication',
  principals: 'Principal set',
  bypass: 'Bypass',
  lookup: 'Entity lookup',
  visibility: 'Visibility',
  runtime: 'Run-time check',
  designtime: 'Design-time check',
  service: 'Service',
  unknown: 'Not modelled',
};

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

/** The context-manager calls that wrote the deciding entries (§7.14), each with a way to the Equipment view. */
function WrittenByList({ written }: { written: WrittenBy[] }) {
  const setCenterTab = useAppStore(s => s.setCenterTab);
  return (
    <div className="entries written-by" aria-label="Written by the context manager">
      <span className="entries-title">Written by</span>
      <ul>
        {written.map((w, i) => (
          <li key={i} className={w.allow ? 'entry allow' : 'entry deny'}>
            This {w.allow ? 'Allow' : 'Deny'} was written by <code>{w.call}</code>{' '}
            <span className="muted small">(recorded grant #{w.grant})</span>{' '}
            {w.context && (
              <button
                type="button"
                className="link small"
                onClick={() => {
                  const context = w.context as string;
                  void useTreeStore
                    .getState()
                    .focus({ context, principal: w.principal, node: w.thing })
                    .then(() => setCenterTab('equipment'));
                }}
              >
                Show in the Equipment view
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const StepItem = memo(function StepItem({ step, index }: { step: Step; index: number }) {
  return (
    <li
      className={`step ${step.verdict}`}
      aria-label={`Step ${index}: ${STEP_TITLE[step.kind]}, ${step.verdict}`}
    >
      <div className="step-head">
        <span className="step-no">{index}</span>
        <span className="step-kind">{STEP_TITLE[step.kind]}</span>
        <span className={`verdict ${step.verdict}`}>{step.verdict}</span>
        <span className="cites">
          {step.cites.map(c => (
            <CiteChip key={c} section={c} />
          ))}
        </span>
      </div>
      <p className="step-text">{step.text}</p>
      {step.details.length > 0 &&
        (step.verdict === 'fail' || step.verdict === 'unknown' || step.details.length <= 3 ? (
          <StepDetails details={step.details} />
        ) : (
          // Long context (group and unit paths) folds away so the deciding step stays in view.
          <details className="step-more">
            <summary>{step.details.length} details</summary>
            <StepDetails details={step.details} />
          </details>
        ))}
      {step.decided && step.decided.length > 0 && (
        <div className="entries decided" aria-label="Deciding entries">
          <span className="entries-title">Decided by</span>
          <ul>
            {step.decided.map((e, i) => (
              <li key={i} className={isDenyEntry(e) ? 'entry deny' : 'entry allow'}>
                <code>{formatLocatedEntry(e as unknown as Record<string, unknown>)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step.writtenBy && step.writtenBy.length > 0 && <WrittenByList written={step.writtenBy} />}
      {step.lost && step.lost.length > 0 && (
        <div className="entries lost" aria-label="Losing entries">
          <span className="entries-title">Lost</span>
          <ul>
            {step.lost.map((e, i) => (
              <li key={i} className="entry lost">
                <code>{formatLocatedEntry(e as unknown as Record<string, unknown>)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {((step.options && step.options.length > 0) ||
        (step.inferences && step.inferences.length > 0)) && (
        <div className="step-options">
          {step.options?.map(o => (
            <span
              key={o}
              className="chip option"
              title="Model option (semantics) that decided this step"
            >
              option {o}
            </span>
          ))}
          {step.inferences?.map(o => (
            <span key={o} className="chip inference" title="An [INF] choice of the simulator">
              {o}
            </span>
          ))}
        </div>
      )}
      {step.refs.length > 0 && <RefLinks refs={step.refs} />}
    </li>
  );
});

function StepDetails({ details }: { details: string[] }) {
  return (
    <ul className="step-details">
      {details.map((d, i) => (
        <li key={i}>{d}</li>
      ))}
    </ul>
  );
}

function RefLinks({ refs }: { refs: ElementRef[] }) {
  const select = useAppStore(s => s.select);
  return (
    <div className="refs">
      {refs.map((r, i) => {
        const sel = refToSelection(r);
        const label = refLabel(r);
        return sel ? (
          <button
            key={i}
            type="button"
            className="link"
            onClick={() => void select(sel)}
            aria-label={`Show ${label}`}
          >
            {label}
          </button>
        ) : (
          <span key={i} className="chip">
            {label}
          </span>
        );
      })}
    </div>
  );
}
