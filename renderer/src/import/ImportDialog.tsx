/**
 * File > Import…: choose files or a folder (or drop them anywhere on the window), choose where the
 * model goes (merged into the open project as one undoable edit, or a new project) and what to do
 * when files disagree, then watch the progress (with Cancel) and read the import report.
 * The import itself runs in the backend worker (`project:import`), so the window stays responsive.
 */
import { useEffect, useState } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import type { OnConflict } from '../../../shared/import/types';
import { useAppStore } from '../stores/app-store';
import { ImportChoices } from './ImportChoices';
import { ImportProgress, ImportResult } from './ImportPhases';
import { useImportDialog } from './import-store';
import type { PickedFile } from './import-store';
import type { ImportTarget } from './use-import-run';
import { useImportRun } from './use-import-run';
import './import.css';

export function ImportDialog() {
  const open = useImportDialog(s => s.open);
  return open ? <ImportForm /> : null;
}

function ImportForm() {
  const close = useImportDialog(s => s.close);
  const dropped = useImportDialog(s => s.dropped);
  const info = useAppStore(s => s.info);
  const [files, setFiles] = useState<PickedFile[]>(dropped ?? []);
  const [target, setTarget] = useState<ImportTarget>(info ? 'merge' : 'new');
  const [newPath, setNewPath] = useState('');
  const [onConflict, setOnConflict] = useState<OnConflict>('fail');
  const { phase, error, start } = useImportRun({ files, target, newPath, setOnConflict });

  useEffect(() => {
    if (dropped) setFiles(dropped);
  }, [dropped]);

  return (
    <DialogFrame
      title="Import ThingWorx entities"
      label="Import"
      className="import-dialog"
      onClose={close}
      canClose={phase.step !== 'running'}
    >
      {phase.step === 'choose' && (
        <ImportChoices
          files={files}
          setFiles={setFiles}
          info={info}
          target={target}
          setTarget={setTarget}
          newPath={newPath}
          setNewPath={setNewPath}
          onConflict={onConflict}
          setOnConflict={setOnConflict}
          error={error}
          onSubmit={() => void start(onConflict)}
          onCancel={close}
        />
      )}
      {phase.step === 'running' && <ImportProgress phase={phase} />}
      {phase.step === 'report' && (
        <ImportResult
          outcome={phase.outcome}
          onRetryLaterWins={() => void start('last')}
          onClose={close}
        />
      )}
    </DialogFrame>
  );
}
