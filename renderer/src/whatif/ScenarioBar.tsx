/** The scenario toolbar: pick a saved scenario, name, save, new, delete, compare with another. */
import { useShallow } from 'zustand/react/shallow';
import { useWhatIfStore } from './whatif-store';
import { ExportChangesButton } from './ExportChangesDialog';

export function ScenarioBar() {
  const s = useWhatIfStore(
    useShallow(st => ({
      scenarios: st.scenarios,
      draft: st.draft,
      dirty: st.dirty,
      compareWith: st.compareWith,
    })),
  );
  const store = useWhatIfStore.getState();
  return (
    <div className="whatif-bar" role="toolbar" aria-label="Scenario">
      <label className="field">
        <span>Scenario</span>
        <select
          aria-label="Saved scenarios"
          value={s.draft.id ?? ''}
          onChange={e =>
            e.target.value === '' ? store.newScenario() : store.open(Number(e.target.value))
          }
        >
          <option value="">{s.draft.id === undefined ? '(not saved)' : '(new scenario)'}</option>
          {s.scenarios.map(x => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.changes.length}){x.applied ? ' · applied' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span>Name</span>
        <input
          type="text"
          aria-label="Scenario name"
          value={s.draft.name}
          onChange={e => store.rename(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="small-btn"
        onClick={() => void store.save()}
        disabled={!s.dirty && s.draft.id !== undefined}
      >
        Save
      </button>
      <button type="button" className="small-btn" onClick={() => store.newScenario()}>
        New
      </button>
      <ExportChangesButton />
      {s.draft.id !== undefined && (
        <button
          type="button"
          className="small-btn danger"
          onClick={() => void store.remove(s.draft.id as number)}
        >
          Delete
        </button>
      )}
      {s.dirty && <span className="tag warn">unsaved</span>}
      <label className="field">
        <span>Compare with</span>
        <select
          aria-label="Compare with"
          value={s.compareWith ?? ''}
          onChange={e =>
            store.setCompareWith(e.target.value === '' ? null : Number(e.target.value))
          }
        >
          <option value="">the baseline</option>
          {s.scenarios
            .filter(x => x.id !== s.draft.id)
            .map(x => (
              <option key={x.id} value={x.id}>
                scenario {x.name}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
