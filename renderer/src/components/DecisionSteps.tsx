/**
 * One explanation step of a decision (DecisionView): its verdict, the section chips it cites (each
 * opens its topic of docs/permission-model.md), the entries that decided and lost, the
 * context-manager calls that wrote them, and links to the elements it names. A step that names the
 * element the inspector shows (picked in the graph, the inspector, the navigator or a link) is
 * marked `linked`, the other half of the step-by-step cross-highlight (StepByStep.tsx).
 */
import { memo } from 'react';
import type { ElementRef, Step, WrittenBy } from '../../../shared/model/decision';
import { formatLocatedEntry, isDenyEntry } from '../lib/entries';
import { refLabel, refToSelection } from '../lib/refs';
import type { Selection } from '../lib/refs';
import { useAppStore } from '../stores/app-store';
import { CiteChip } from '../reference';
import { useTreeStore } from '../trees';

export const STEP_TITLE: Record<Step['kind'], string> = {
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

/** Whether one of `refs` names the element `sel` (the inspector's). */
export function namesSelection(refs: readonly ElementRef[], sel: Selection | null): boolean {
  if (sel === null) return false;
  return refs.some(r => {
    const x = refToSelection(r);
    return x !== null && x.kind === sel.kind && x.name === sel.name;
  });
}

export const StepItem = memo(function StepItem({ step, index }: { step: Step; index: number }) {
  const linked = useAppStore(s => namesSelection(step.refs, s.selected));
  const selectedName = useAppStore(s => s.selected?.name);
  return (
    <li
      className={`step ${step.verdict}${linked ? ' linked' : ''}`}
      aria-label={`Step ${index}: ${STEP_TITLE[step.kind]}, ${step.verdict}`}
    >
      <div className="step-head">
        <span className="step-no">{index}</span>
        <span className="step-kind">{STEP_TITLE[step.kind]}</span>
        <span className={`verdict ${step.verdict}`}>{step.verdict}</span>
        {linked && (
          <span
            className="chip linked-mark"
            title="This step names the element the inspector shows"
          >
            names {selectedName}
          </span>
        )}
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
                <code>{formatLocatedEntry(e)}</code>
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
                <code>{formatLocatedEntry(e)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <StepOptions step={step} />
      {step.refs.length > 0 && <RefLinks refs={step.refs} />}
    </li>
  );
});

function StepOptions({ step }: { step: Step }) {
  if (!step.options?.length && !step.inferences?.length) return null;
  return (
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
            {w.context !== undefined && (
              <button
                type="button"
                className="link small"
                onClick={() => {
                  if (w.context === undefined) return;
                  void useTreeStore
                    .getState()
                    .focus({ context: w.context, principal: w.principal, node: w.thing })
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
