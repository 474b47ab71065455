/**
 * The step-by-step bar of the Ask view, for teaching: the pipeline ThingWorx runs (Authentication →
 * Principals → Lookup → Bypass → Visibility → Design/Run time, domain reference §9) with the
 * explanation revealed one stage at a time (Previous / Next, or the arrow keys on the bar). The
 * stage shown lights up the elements it names in the graph and the inspector (`highlight` of the
 * ui slice); moving to a stage shows the first of them in the inspector. The other way: a stage (and
 * an explanation step, DecisionSteps.tsx) that names the element the inspector shows, picked in the
 * graph, the inspector or the navigator, is marked, so the link works both ways.
 */
import { useEffect, useRef } from 'react';
import type { Decision, Step } from '../../../shared/contract';
import { refToSelection } from '../lib/refs';
import type { Selection } from '../lib/refs';
import { useAppStore } from '../stores/app-store';

export const STAGES: { label: string; kinds: Step['kind'][] }[] = [
  { label: 'Authentication', kinds: ['authentication'] },
  { label: 'Principals', kinds: ['principals'] },
  { label: 'Lookup', kinds: ['lookup'] },
  { label: 'Bypass', kinds: ['bypass'] },
  { label: 'Visibility', kinds: ['visibility'] },
  { label: 'Design/Run time', kinds: ['designtime', 'runtime', 'service', 'unknown'] },
];

const stageOf = (s: Step): number => STAGES.findIndex(x => x.kinds.includes(s.kind));

/** How many explanation steps stage `stage` reveals (every step of it and of the stages before). */
export function revealedSteps(d: Decision, stage: number): number {
  let n = 0;
  d.explanation.forEach((s, i) => {
    if (stageOf(s) <= stage) n = i + 1;
  });
  return n;
}

function selectionsOf(d: Decision, stage: number): Selection[] {
  const out: Selection[] = [];
  for (const s of d.explanation) {
    if (stageOf(s) !== stage) continue;
    for (const r of s.refs) {
      const sel = refToSelection(r);
      if (sel && !out.some(o => o.kind === sel.kind && o.name === sel.name)) out.push(sel);
    }
  }
  return out;
}

export function StepByStepBar({
  decision,
  stage,
  onStage,
}: {
  decision: Decision;
  stage: number;
  onStage: (stage: number) => void;
}) {
  const selected = useAppStore(s => s.selected);
  const reached = STAGES.map((_, i) => decision.explanation.some(s => stageOf(s) === i));
  const last = reached.lastIndexOf(true);

  // The stage shown lights up its elements. They stay lit while another tab (the graph) is shown;
  // turning step by step off clears them (ask slice).
  useEffect(() => {
    useAppStore.getState().setHighlight(selectionsOf(decision, stage));
  }, [decision, stage]);

  // In a narrow window the stages scroll sideways (styles.css): keep the stage shown in view. Only
  // the list's own scrollLeft moves; scrollIntoView would also scroll the page and the Ask panel.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const ol = list.current;
    const li = ol?.children[stage];
    if (!ol || !(li instanceof HTMLElement)) return;
    const left = li.offsetLeft - ol.offsetLeft;
    if (left < ol.scrollLeft) ol.scrollLeft = left;
    else if (left + li.offsetWidth > ol.scrollLeft + ol.clientWidth)
      ol.scrollLeft = left + li.offsetWidth - ol.clientWidth;
  }, [stage]);

  const go = (i: number) => {
    if (i < 0 || i > last || !reached[i]) return;
    onStage(i);
    // Only a move selects: coming back from the graph must keep what was picked there (the marks).
    const first = selectionsOf(decision, i)[0];
    if (first) void useAppStore.getState().select(first);
  };
  const step = (dir: 1 | -1) => {
    for (let i = stage + dir; i >= 0 && i <= last; i += dir) {
      if (reached[i]) return go(i);
    }
  };
  const verdictOf = (i: number) => {
    const steps = decision.explanation.filter(s => stageOf(s) === i);
    return steps.some(s => s.verdict === 'fail')
      ? 'fail'
      : steps.some(s => s.verdict === 'unknown')
        ? 'unknown'
        : steps.some(s => s.verdict === 'pass')
          ? 'pass'
          : 'info';
  };
  return (
    <div
      className="pipeline"
      role="toolbar"
      aria-label="Step by step"
      onKeyDown={e => {
        if (e.key === 'ArrowRight') step(1);
        else if (e.key === 'ArrowLeft') step(-1);
        else return;
        e.preventDefault();
      }}
    >
      <button
        type="button"
        className="small-btn"
        disabled={stage <= 0}
        onClick={() => step(-1)}
        aria-keyshortcuts="ArrowLeft"
      >
        ‹ Previous
      </button>
      <ol className="pipeline-stages" ref={list}>
        {STAGES.map((st, i) => {
          const linked =
            selected !== null &&
            selectionsOf(decision, i).some(
              x => x.kind === selected.kind && x.name === selected.name,
            );
          const title = !reached[i]
            ? 'Not reached: an earlier stage ended the call'
            : linked
              ? `This stage names ${selected.name}, shown in the inspector`
              : undefined;
          return (
            <li key={st.label}>
              <button
                type="button"
                className={[
                  'pipeline-stage',
                  reached[i] ? verdictOf(i) : 'not-reached',
                  i === stage ? 'current' : i < stage ? 'done' : '',
                  linked ? 'linked' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                aria-current={i === stage ? 'step' : undefined}
                disabled={!reached[i]}
                title={title}
                onClick={() => go(i)}
              >
                {st.label}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="small-btn"
        disabled={stage >= last}
        onClick={() => step(1)}
        aria-keyshortcuts="ArrowRight"
      >
        Next ›
      </button>
    </div>
  );
}
