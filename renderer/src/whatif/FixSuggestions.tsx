/**
 * Fix suggestions for the failing answer of the Ask view (docs/whatif.md): single changes that
 * make the call succeed, least extra access first, each with the other access it would also grant
 * (its blast radius). One click puts a suggestion into the current scenario or a new one.
 */
import './whatif.css';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FixSuggestion } from '../../../shared/whatif';
import { describeCallerCounts, describeRectangle } from '../../../shared/whatif';
import { useAppStore } from '../stores/app-store';
import { BreakableCall } from './BreakableCall';
import { useWhatIfStore } from './whatif-store';

function extraText(s: FixSuggestion): string {
  const e = s.extra;
  if (e.total === 0) return 'nothing else changes';
  const parts = [
    e.gained > 0 ? `${e.gained} other call${e.gained === 1 ? '' : 's'} gained` : '',
    e.revoked > 0 ? `${e.revoked} revoked` : '',
    e.changed > 0 ? `${e.changed} changed` : '',
    e.unknown > 0 ? `${e.unknown} unknown` : '',
  ].filter(Boolean);
  // Per caller, app keys (per client address) apart from their users: a key is a credential too.
  return `also: ${parts.join(', ')} (${describeCallerCounts(s.extraByCaller ?? [])})`;
}

export function FixSuggestions() {
  const { fixes, draftName, draftChanges, draftApplied, clear, addChange, addToNew, suggest } =
    useWhatIfStore(
      useShallow(s => ({
        fixes: s.fixes,
        draftApplied: s.applied !== null,
        suggest: s.suggestFixes,
        draftName: s.draft.name,
        draftChanges: s.draft.changes.length,
        clear: s.clearFixes,
        addChange: s.addChange,
        addToNew: s.addToNew,
      })),
    );
  const { askedRequest, revision, setCenterTab } = useAppStore(
    useShallow(s => ({
      askedRequest: s.askedRequest,
      revision: s.info?.revision ?? null,
      setCenterTab: s.setCenterTab,
    })),
  );
  const panel = useRef<HTMLElement | null>(null);
  // The panel sits under the explanation: bring it into view when a search starts.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, [fixes?.request, fixes?.result]);
  // Suggestions answer one question on one revision; after an edit or another question they are gone.
  if (!fixes || fixes.request !== askedRequest || fixes.revision !== revision) return null;
  const result = fixes.result;
  // The caller as the diff names it (a key from its allowlist entry), so the workbench finds the cell.
  const goal = { caller: result?.caller ?? fixes.caller, call: fixes.call };
  return (
    <section className="fixes" aria-label="Fix suggestions" ref={panel}>
      <div className="fixes-head">
        <h3 className="section-title">Fix suggestions</h3>
        <span className="muted small">
          for <b>{fixes.caller.name}</b> ·{' '}
          <code>
            <BreakableCall call={fixes.call} />
          </code>
          {fixes.onTopOf > 0
            ? ` · on top of the ${fixes.onTopOf} change(s) of “${draftName}”`
            : ' · on the baseline'}
        </span>
        {draftChanges > 0 && !draftApplied && (
          <label className="small fixes-on-top">
            <input
              type="checkbox"
              checked={fixes.onTopOf > 0}
              onChange={e => void suggest(fixes.request, e.target.checked)}
            />
            on top of this scenario (“{draftName}”, {draftChanges} change
            {draftChanges === 1 ? '' : 's'})
          </label>
        )}
        <button type="button" className="icon" aria-label="Close fix suggestions" onClick={clear}>
          ×
        </button>
      </div>
      {fixes.error && (
        <p className="form-error" role="alert">
          {fixes.error}
        </p>
      )}
      {!result && !fixes.error && (
        <p className="muted">
          Searching: each candidate is verified by evaluating the call after the change…
        </p>
      )}
      {result && result.suggestions.length === 0 && (
        <p className="muted">
          {result.note ??
            `No single change makes this call succeed (${result.tried} candidates tried).`}
        </p>
      )}
      {result && result.suggestions.length > 0 && (
        <>
          <p className="muted small">
            {result.suggestions.length} of {result.tried} candidate changes make the call answer
            200; least extra access first (§9.5, §9.6).
          </p>
          <ol className="fix-list" aria-label="Suggested changes">
            {result.suggestions.map((s, i) => (
              <li key={i} className="fix" aria-label={`Suggestion ${i + 1}: ${s.description}`}>
                <div className="fix-main">
                  <span className="fix-rank">{i + 1}</span>
                  <span className="fix-desc">{s.description}</span>
                  <span
                    className={`fix-extra ${s.extra.total === 0 ? 'none' : s.extra.revoked > 0 ? 'bad' : 'some'}`}
                  >
                    {extraText(s)}
                  </span>
                </div>
                {s.extra.total > 0 && s.extraRectangles.length > 0 && (
                  <>
                    <span className="small muted">Everything it changes, this call included:</span>
                    <ul className="fix-rects" aria-label="Everything it changes">
                      {s.extraRectangles.slice(0, 3).map((r, j) => (
                        <li key={j} className="small">
                          {describeRectangle(r)}
                        </li>
                      ))}
                      {s.extraRectangles.length > 3 && (
                        <li className="small muted">
                          … more: the scenario&apos;s blast radius lists them all
                        </li>
                      )}
                    </ul>
                  </>
                )}
                <div className="fix-actions">
                  <button
                    type="button"
                    className="small-btn primary"
                    onClick={() => addToNew(s.change, goal)}
                  >
                    New scenario with this fix
                  </button>
                  <button
                    type="button"
                    className="small-btn"
                    onClick={() => {
                      addChange(s.change, goal);
                      setCenterTab('whatif');
                    }}
                  >
                    Add to “{draftName}”{draftChanges > 0 ? ` (${draftChanges})` : ''}
                  </button>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
