/** The change set of the draft: add (the form), reorder, remove, and the watch list. */
import { useState } from 'react';
import type { WhatIfChange } from '../../../shared/whatif';
import { describeChange } from '../../../shared/whatif';
import { ChangeForm } from './ChangeForm';
import { WatchEditor } from './WatchEditor';
import { useShallow } from 'zustand/react/shallow';
import { useWhatIfStore } from './whatif-store';

export function ChangeList() {
  const s = useWhatIfStore(
    useShallow(st => ({ draft: st.draft, step: st.step, error: st.error, loaded: st.loaded })),
  );
  const store = useWhatIfStore.getState();
  const [adding, setAdding] = useState(false);
  const n = s.draft.changes.length;
  return (
    <section className="whatif-section" aria-label="Changes">
      <div className="section-head">
        <h3 className="section-title">Changes</h3>
        <span className="muted small">applied in order to the project&apos;s model</span>
        <button
          type="button"
          className="small-btn"
          onClick={() => setAdding(a => !a)}
          aria-expanded={adding}
        >
          + Add change
        </button>
      </div>
      {adding && <ChangeForm onDone={() => setAdding(false)} />}
      {n === 0 ? (
        <p className="muted">
          No changes yet. Add one with the form, or ask a failing call in the <b>Ask</b> view and
          press <b>Suggest fixes</b>.
        </p>
      ) : (
        <ol className="change-list" aria-label="Change list">
          {s.draft.changes.map((c: WhatIfChange, i) => (
            <li
              key={i}
              className={`change-item ${i < s.step ? 'on' : 'off'} ${s.error?.index === i ? 'bad' : ''}`}
              aria-label={`Change ${i + 1}: ${describeChange(c)}`}
            >
              <span className="change-no">{i + 1}</span>
              <span className="change-desc">{describeChange(c)}</span>
              <button
                type="button"
                className="icon"
                aria-label={`Move change ${i + 1} up`}
                disabled={i === 0}
                onClick={() => store.moveChange(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Move change ${i + 1} down`}
                disabled={i === n - 1}
                onClick={() => store.moveChange(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Remove change ${i + 1}`}
                onClick={() => store.removeChange(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <WatchEditor
        key={s.loaded}
        users={s.draft.watchUsers}
        calls={s.draft.watchCalls}
        onChange={store.setWatch}
      />
    </section>
  );
}
