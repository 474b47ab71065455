/**
 * Parts of the report Export dialog (ExportDialog.tsx): the sections with the question and the
 * scenario they use, and the users, Things and contexts to include.
 */
import { REPORT_SECTIONS, SECTION_TITLES } from '../../../shared/report/types';
import { questionText, SECTION_HINTS } from './export-labels';
import { PickList } from './PickList';
import type { useExportForm } from './use-export-form';

type Form = ReturnType<typeof useExportForm>;

export function ExportSections({ f }: { f: Form }) {
  const {
    question,
    scenarios,
    toggleSection,
    has,
    scenario,
    setScenario,
    askQuestion,
    setAskQuestion,
  } = f;
  return (
    <>
      <fieldset className="export-sections">
        <legend>Sections</legend>
        {REPORT_SECTIONS.map(s => {
          const noScenario = s === 'scenario' && scenarios !== null && scenarios.length === 0;
          return (
            <label key={s} className={noScenario ? 'check disabled' : 'check'}>
              <input
                type="checkbox"
                checked={has(s) && !noScenario}
                disabled={noScenario}
                onChange={() => toggleSection(s)}
              />
              <span>
                {SECTION_TITLES[s]}{' '}
                <span className="muted small">
                  {noScenario
                    ? 'no stored scenario (save one in the What-if tab)'
                    : SECTION_HINTS[s]}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>

      {(has('finding') || has('appendix')) && (
        <label className="check">
          <input
            type="checkbox"
            aria-label="Ask's question"
            checked={askQuestion && question !== null}
            disabled={question === null}
            onChange={() => setAskQuestion(!askQuestion)}
          />
          <span>
            Question{' '}
            {question ? (
              <span className="mono small">{questionText(question)}</span>
            ) : (
              <span className="muted small">
                ask one in the Ask view (else the scenario&apos;s watched calls)
              </span>
            )}
          </span>
        </label>
      )}

      {has('scenario') && scenarios && scenarios.length > 0 && (
        <label className="field">
          <span>Scenario</span>
          <select
            aria-label="Scenario"
            value={scenario ?? ''}
            onChange={e => setScenario(e.target.value === '' ? null : Number(e.target.value))}
          >
            {scenarios.map(s => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.changes.length} change{s.changes.length === 1 ? '' : 's'})
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

export function ExportPickers({ f }: { f: Form }) {
  const {
    users,
    things,
    contexts,
    has,
    needsUsers,
    chosenUsers,
    setChosenUsers,
    chosenThings,
    setChosenThings,
    chosenContexts,
    setChosenContexts,
    toggle,
  } = f;
  return (
    <>
      {(needsUsers || has('effective') || has('equipment')) && (
        <div className="export-pickers">
          {needsUsers && (
            <PickList
              label="Users"
              names={users}
              chosen={chosenUsers}
              onToggle={n => toggle(chosenUsers, setChosenUsers, n)}
              none="none chosen: the first 6 by name"
            />
          )}
          {has('effective') && (
            <PickList
              label="Things"
              names={things}
              chosen={chosenThings}
              onToggle={n => toggle(chosenThings, setChosenThings, n)}
              none="none chosen: the first 6 by name"
            />
          )}
          {has('equipment') && (
            <PickList
              label="Contexts"
              names={(contexts ?? []).map(c => c.name)}
              chosen={chosenContexts}
              onToggle={n => toggle(chosenContexts, setChosenContexts, n)}
              none={
                contexts?.length === 0
                  ? 'the model has no equipment contexts'
                  : 'none chosen: every context'
              }
            />
          )}
        </div>
      )}
    </>
  );
}
