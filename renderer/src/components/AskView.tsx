import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { CallCombobox } from './CallCombobox';
import { DecisionView } from './DecisionView';
import { StepByStepBar, revealedSteps } from './StepByStep';
import { FixSuggestions } from '../whatif';

export function AskView() {
  const s = useAppStore(
    useShallow(st => ({
      authMode: st.authMode,
      user: st.user,
      password: st.password,
      appKey: st.appKey,
      appKeyVia: st.appKeyVia,
      body: st.body,
      clientIp: st.clientIp,
      at: st.at,
      formError: st.formError,
      askError: st.askError,
      decision: st.decision,
      set: st.setAskField,
      ask: st.ask,
      items: st.allItems,
      saveRequest: st.saveAskedRequest,
      stepMode: st.stepMode,
      stepStage: st.stepStage,
      setStepMode: st.setStepMode,
      setStepStage: st.setStepStage,
    })),
  );
  const users = s.items.filter(i => i.kind === 'user');
  const keys = s.items.filter(i => i.kind === 'appKey');
  // Step by step (teaching): the stage shown, per answer; a new answer starts at the first stage.
  const { stepMode } = s;
  const stage = s.stepStage.decision === s.decision ? s.stepStage.stage : 0;

  return (
    <div className="ask">
      <form
        className="ask-form"
        aria-label="Ask"
        onSubmit={e => {
          e.preventDefault();
          void s.ask();
        }}
      >
        <div className="row">
          <fieldset className="segmented">
            <legend className="sr-only">Authentication</legend>
            {(
              [
                ['user', 'User'],
                ['appKey', 'App key'],
                ['none', 'No auth'],
              ] as const
            ).map(([mode, label]) => (
              <label key={mode} className={s.authMode === mode ? 'on' : ''}>
                <input
                  type="radio"
                  name="auth"
                  value={mode}
                  checked={s.authMode === mode}
                  onChange={() => s.set('authMode', mode)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {s.authMode === 'user' && (
            <>
              <label className="field">
                <span>User</span>
                <select
                  aria-label="User"
                  value={s.user}
                  onChange={e => s.set('user', e.target.value)}
                >
                  {users.map(u => (
                    <option key={u.name} value={u.name}>
                      {u.name}
                      {u.builtin ? ' (built-in)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>Password</span>
                <input
                  type="password"
                  autoComplete="off"
                  aria-label="Password"
                  placeholder="correct one"
                  value={s.password}
                  onChange={e => s.set('password', e.target.value)}
                />
              </label>
            </>
          )}
          {s.authMode === 'appKey' && (
            <>
              <label className="field">
                <span>Application key</span>
                <select
                  aria-label="Application key"
                  value={s.appKey}
                  onChange={e => s.set('appKey', e.target.value)}
                >
                  {keys.length === 0 && <option value="">(no keys in the model)</option>}
                  {keys.map(k => (
                    <option key={k.name} value={k.name}>
                      {k.name}
                      {k.detail ? ` → ${k.detail}` : ''}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>Sent in</span>
                <select
                  aria-label="App key sent in"
                  value={s.appKeyVia}
                  onChange={e => s.set('appKeyVia', e.target.value as 'header' | 'query')}
                >
                  <option value="header">appKey header</option>
                  <option value="query">?appKey= in the URL</option>
                </select>
              </label>
            </>
          )}
        </div>
        <div className="row call-row">
          <CallCombobox onSubmit={() => void s.ask()} />
          <button type="submit" className="primary">
            Ask
          </button>
        </div>
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
        {s.formError && (
          <p className="form-error" role="alert">
            {s.formError}
          </p>
        )}
      </form>
      {s.askError ? (
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
          {stepMode && (
            <StepByStepBar decision={s.decision} stage={stage} onStage={s.setStepStage} />
          )}
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
            The answer is the status ThingWorx would send (200, 401, 403, 404, 405), its body, and
            every step of the decision with the entries that decided and the ones that lost.
          </p>
        </div>
      )}
    </div>
  );
}
