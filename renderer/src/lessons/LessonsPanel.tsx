/**
 * The Lessons side panel (docs/lessons.md): the course, then one lesson a step at a time. A
 * question can be put to Ask; a prediction is committed before its answer is shown; a task is
 * checked against the project's model, and what is still wrong is said as Ask says it. Starting a
 * lesson (or resetting it) puts its starting model into the project as one undoable edit.
 */
import { useEffect, useId, useState } from 'react';
import type { LessonQuestion, LessonStepView } from '../../../shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { useLessonsStore } from './lessons-store';
import './lessons.css';

const who = (q: LessonQuestion): string =>
  q.noAuth ? 'without credentials' : q.appKey ? `with key ${q.appKey}` : `as ${q.as ?? '?'}`;

function Question({ q }: { q: LessonQuestion }) {
  return (
    <p className="lesson-question">
      <code>{q.call}</code> <span>{who(q)}</span>
      {q.ip !== undefined && <span> from {q.ip}</span>}
    </p>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map(p => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function Predict({ step, index }: { step: LessonStepView; index: number }) {
  const revealed = useLessonsStore(s => (s.revealed?.step === index ? s.revealed : null));
  const [choice, setChoice] = useState<number | null>(null);
  const name = useId();
  const { predict, ask } = useLessonsStore.getState();
  if (!step.question) return null;
  const q = step.question;
  return (
    <div className="lesson-predict">
      <Question q={q} />
      <fieldset disabled={revealed !== null}>
        <legend>Your prediction</legend>
        {(step.choices ?? []).map(c => (
          <label key={c} className="lesson-choice">
            <input
              type="radio"
              name={name}
              value={c}
              checked={(revealed?.choice ?? choice) === c}
              onChange={() => setChoice(c)}
            />
            {c}
          </label>
        ))}
      </fieldset>
      {revealed === null ? (
        <button
          type="button"
          className="small-btn primary"
          disabled={choice === null}
          onClick={() => choice !== null && void predict(choice)}
        >
          Commit my prediction
        </button>
      ) : (
        <div
          className={`lesson-verdict ${revealed.correct ? 'good' : 'bad'}`}
          role="status"
          aria-label="Prediction result"
        >
          {revealed.correct
            ? `Right: ThingWorx answers ${revealed.answer}.`
            : `Not quite: ThingWorx answers ${revealed.answer}, not ${revealed.choice}.`}{' '}
          <button type="button" className="link" onClick={() => void ask(q)}>
            See why in Ask
          </button>
        </div>
      )}
    </div>
  );
}

function Task({ step, index, started }: { step: LessonStepView; index: number; started: boolean }) {
  const check = useLessonsStore(s => (s.check?.step === index ? s.check.result : null));
  const { checkTask } = useLessonsStore.getState();
  return (
    <div className="lesson-task">
      <p className="lesson-goal">
        <b>Task:</b> {step.goal}
      </p>
      {(step.expect?.length ?? 0) > 0 && (
        <>
          <h4>Must hold afterwards</h4>
          <ul>
            {step.expect?.map(e => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {(step.keep?.length ?? 0) > 0 && (
        <>
          <h4>Must not change</h4>
          <ul>
            {step.keep?.map(k => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </>
      )}
      {step.hint && (
        <details className="lesson-hint">
          <summary>Hint</summary>
          <p>{step.hint}</p>
        </details>
      )}
      <button
        type="button"
        className="small-btn primary"
        disabled={!started}
        title={started ? 'Check the project’s model against the task' : 'Start the lesson first'}
        onClick={() => void checkTask()}
      >
        Check my model
      </button>
      {check && (
        <div
          className={`lesson-verdict ${check.met ? 'good' : 'bad'}`}
          role="status"
          aria-label="Task result"
        >
          {check.met ? (
            <p>Task met: every expectation holds and nothing that had to stay has changed.</p>
          ) : (
            <>
              <p>Not yet. Still wrong:</p>
              <ul className="lesson-problems">
                {check.problems.map(p => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {check.expectations
                .filter(e => !e.pass && e.explanation.length > 0)
                .slice(0, 1)
                .map(e => (
                  <details key={e.name} className="lesson-why">
                    <summary>Why: {e.name}</summary>
                    <ol>
                      {e.explanation.map(x => (
                        <li key={x}>{x}</li>
                      ))}
                    </ol>
                  </details>
                ))}
            </>
          )}
        </div>
      )}
    </div>
  );
}

function LessonSteps() {
  const { lesson, step, progress } = useLessonsStore(
    useShallow(s => ({ lesson: s.lesson, step: s.step, progress: s.progress })),
  );
  const { start, goto, close, ask } = useLessonsStore.getState();
  const readOnly = useAppStore(s => s.info?.readOnly === true);
  if (!lesson) return null;
  const current = lesson.steps[step];
  const started = progress.current === lesson.id;
  const record = progress.lessons.find(r => r.id === lesson.id);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') void goto(step + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') void goto(step - 1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="lesson" onKeyDown={onKey}>
      <button type="button" className="link" onClick={close}>
        ← All lessons
      </button>
      <h3 className="lesson-title">{lesson.title}</h3>
      <div className="lesson-start">
        <button
          type="button"
          className={`small-btn${started ? '' : ' primary'}`}
          disabled={readOnly}
          onClick={() => void start()}
          title="Put the lesson's starting model into this project (undoable)"
        >
          {started ? 'Reset lesson' : 'Start lesson'}
        </button>
        {!started && (
          <span className="lesson-note">Loads the lesson’s model into this project.</span>
        )}
      </div>
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button
          type="button"
          className="small-btn"
          disabled={step === 0}
          onClick={() => void goto(step - 1)}
          aria-keyshortcuts="ArrowLeft"
        >
          ‹ Previous
        </button>
        <span className="lesson-pos" aria-live="polite">
          Step {step + 1} of {lesson.steps.length}
        </span>
        <button
          type="button"
          className="small-btn"
          disabled={step >= lesson.steps.length - 1}
          onClick={() => void goto(step + 1)}
          aria-keyshortcuts="ArrowRight"
        >
          Next ›
        </button>
      </nav>
      {current && (
        <section className="lesson-step" aria-label={`Step ${step + 1}`} tabIndex={-1}>
          {current.title && (
            <h4 className="lesson-step-title">
              {current.title}
              {current.kind === 'task' && record?.tasksMet.includes(step) && (
                <span className="lesson-done" aria-label="met">
                  {' '}
                  ✓
                </span>
              )}
            </h4>
          )}
          {current.text && <Paragraphs text={current.text} />}
          {current.kind === 'ask' && current.question && (
            <div className="lesson-ask">
              <Question q={current.question} />
              <button
                type="button"
                className="small-btn primary"
                onClick={() => current.question && void ask(current.question)}
              >
                Ask it
              </button>
            </div>
          )}
          {current.kind === 'predict' && <Predict step={current} index={step} />}
          {current.kind === 'task' && <Task step={current} index={step} started={started} />}
          {current.cites && current.cites.length > 0 && (
            <p className="lesson-cites">Domain reference {current.cites.join(', ')}</p>
          )}
        </section>
      )}
    </div>
  );
}

/** The panel: the list of lessons, or the open lesson. */
export function LessonsPanel() {
  const { list, lesson, progress } = useLessonsStore(
    useShallow(s => ({ list: s.list, lesson: s.lesson, progress: s.progress })),
  );
  const togglePanel = useAppStore(s => s.togglePanel);
  useEffect(() => {
    void useLessonsStore.getState().loadList();
  }, []);
  return (
    <aside className="lessons-panel" id="lessons-panel" aria-label="Lessons">
      <div className="lessons-head">
        <h2>Lessons</h2>
        <button
          type="button"
          className="panel-toggle"
          onClick={() => togglePanel('lessons')}
          title="Hide lessons"
        >
          <span aria-hidden="true">×</span>
          <span className="sr-only">Hide lessons</span>
        </button>
      </div>
      {lesson ? (
        <LessonSteps />
      ) : (
        <ol className="lesson-list">
          {list.map(l => {
            const met = progress.lessons.find(r => r.id === l.id)?.tasksMet.length ?? 0;
            return (
              <li key={l.id}>
                <button
                  type="button"
                  className="lesson-item"
                  onClick={() => void useLessonsStore.getState().open(l.id)}
                >
                  <span className="lesson-item-title">{l.title}</span>
                  {l.summary && <span className="lesson-item-summary">{l.summary}</span>}
                  <span className="lesson-item-meta">
                    {l.steps} steps · {met} of {l.tasks} task{l.tasks === 1 ? '' : 's'} met
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
