/**
 * The later steps of File > Import…: the progress of a running import (with Cancel), and the
 * report with what the user can do next.
 *
 * @example
 * <ImportProgress phase={phase} />
 * <ImportResult outcome={outcome} onRetryLaterWins={() => void start('last')} onClose={close} />
 */
import type { ImportOutcome } from '../../../shared/contract';
import { api } from '../api';
import { ImportReport } from './ImportReport';

export function ImportProgress({
  phase,
}: {
  phase: { done: number; total: number; label: string };
}) {
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <progress
        aria-label="Importing"
        max={phase.total || 1}
        value={phase.label === 'Reading files' ? phase.done : undefined}
      />
      <span>
        {phase.label}… {phase.done}/{phase.total}
      </span>
      <button type="button" onClick={() => void api.call('project:import-cancel', {})}>
        Cancel
      </button>
    </div>
  );
}

export function ImportResult({
  outcome,
  onRetryLaterWins,
  onClose,
}: {
  outcome: ImportOutcome;
  onRetryLaterWins: () => void;
  onClose: () => void;
}) {
  return (
    <>
      {outcome.cancelled ? (
        <p role="status">Import cancelled; nothing was imported.</p>
      ) : (
        <ImportReport report={outcome.report} imported={outcome.imported} />
      )}
      <div className="dialog-actions">
        {!outcome.imported &&
          outcome.report.conflicts.length > 0 &&
          outcome.report.refusals.length === 0 && (
            <button type="button" onClick={onRetryLaterWins}>
              Import again, later files win
            </button>
          )}
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
