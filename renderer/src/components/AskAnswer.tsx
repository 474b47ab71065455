/**
 * The Ask view's answer: the decision (optionally revealed step by step), saving it as a request,
 * fix suggestions; or why there is no answer; or what to do first.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { DecisionView } from './DecisionView';
import { StepByStepBar, revealedSteps } from './StepByStep';
import { FixSuggestions } from '../whatif';

export function AskAnswer() {
  const s = useAppStore(
    useShallow(st => ({
      askError: st.askError,
      decision: st.decision,
      saveRequest: st.saveAskedRequest,
      stepMode: st.stepMode,
      stepStage: st.stepStage,
      setStepMode: st.setStepMode,
      setStepStage: st.setStepStage,
    })),
  );
  // Step by step (teaching): the stage shown, per answer; a new answer starts at the first stage.
  const { stepMode } = s;
  const stage = s.stepStage.decision === s.decision ? s.stepStage.stage : 0;
  return s.askError ? (
    <div className="ask-error" role="alert" aria-label="No answer">
      <p>
        <b>No answer:</b> {s.askError}
      </p>
    </div>
  ) : s.decision ? (
    <>
      <p className="step-mode">
        <button
          type="button"
          className="small-btn"
          aria-pressed={stepMode}
          onClick={() => s.setStepMode(!stepMode)}
          title="Reveal the explanation one stage at a time"
        >
          Step by step
        </button>
      </p>
      {stepMode && <StepByStepBar decision={s.decision} stage={stage} onStage={s.setStepStage} />}
      <DecisionView
        decision={s.decision}
        {...(stepMode ? { revealSteps: revealedSteps(s.decision, stage) } : {})}
      />
      <p className="save-request">
        <button type="button" className="small-btn" onClick={() => void s.saveRequest()}>
          Save this request
        </button>{' '}
        <span className="muted small">
          with {s.decision.status} as its expected answer (Saved requests)
        </span>
      </p>
      <FixSuggestions />
    </>
  ) : (
    <div className="empty-state">
      <p>
        Pick who calls, type a ThingWorx REST call and press <b>Ask</b>.
      </p>
      <p className="muted">
        The answer is the status ThingWorx would send (200, 401, 403, 404, 405), its body, and every
        step of the decision with the entries that decided and the ones that lost.
      </p>
    </div>
  );
}
