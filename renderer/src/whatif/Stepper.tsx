/** Step through the changes one by one: the diff after the first n, and each change alone. */
import type { WhatIfChange } from '../../../shared/whatif';
import { describeChange } from '../../../shared/whatif';
import { useShallow } from 'zustand/react/shallow';
import { useWhatIfStore } from './whatif-store';

export function Stepper() {
  const s = useWhatIfStore(
    useShallow(st => ({ draft: st.draft, step: st.step, replay: st.replay })),
  );
  const store = useWhatIfStore.getState();
  const n = s.draft.changes.length;
  if (n === 0) return null;
  return (
    <section className="whatif-section stepper" aria-label="Steps">
      <button
        type="button"
        className="small-btn"
        aria-label="Previous step"
        disabled={s.step === 0}
        onClick={() => store.setStep(s.step - 1)}
      >
        ◀
      </button>
      <input
        type="range"
        aria-label="Step"
        min={0}
        max={n}
        value={s.step}
        onChange={e => store.setStep(Number(e.target.value))}
      />
      <button
        type="button"
        className="small-btn"
        aria-label="Next step"
        disabled={s.step === n}
        onClick={() => store.setStep(s.step + 1)}
      >
        ▶
      </button>
      <span className="step-label" aria-live="polite">
        {s.step === 0
          ? 'Step 0: the baseline (no change applied)'
          : `Step ${s.step} of ${n}: ${describeChange(s.draft.changes[s.step - 1] as WhatIfChange)}`}
        {s.replay && s.step > 0 && s.replay[s.step - 1] && (
          <span className="muted">
            {' '}
            — this change alone: {s.replay[s.step - 1]?.counts.total.toLocaleString()} cell(s)
          </span>
        )}
      </span>
    </section>
  );
}
