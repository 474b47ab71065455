/**
 * The run of one import: the phase the dialog shows (choose, running with progress, report), the
 * checks made before anything is sent, and `start`, which reads the chosen files and sends them to
 * the backend worker (`project:import`) with the conflict policy.
 *
 * @example
 * const { phase, error, start } = useImportRun({ files, target, newPath, setOnConflict });
 * void start('last');
 */
import { useEffect, useState } from 'react';
import type { ImportOutcome } from '../../../shared/contract';
import { IMPORT_UPLOAD_LIMIT_BYTES } from '../../../shared/contract/limits';
import type { OnConflict } from '../../../shared/import/types';
import { api } from '../api';
import type { PickedFile } from './import-store';
import { toBase64 } from './pick-files';

export type ImportTarget = 'merge' | 'new';

export type ImportPhase =
  | { step: 'choose' }
  | { step: 'running'; done: number; total: number; label: string }
  | { step: 'report'; outcome: ImportOutcome };

/** The total size of the chosen files, in bytes. */
export const pickedBytes = (files: PickedFile[]): number =>
  files.reduce((n, f) => n + f.file.size, 0);

export function useImportRun(choice: {
  files: PickedFile[];
  target: ImportTarget;
  newPath: string;
  /** Called with the policy of a run that finished, so the form shows what was used. */
  setOnConflict: (policy: OnConflict) => void;
}) {
  const { files, target, newPath, setOnConflict } = choice;
  const [phase, setPhase] = useState<ImportPhase>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      api.on('import:progress', p =>
        setPhase(ph =>
          ph.step === 'running'
            ? { ...ph, done: p.done, total: p.total, label: 'Reading files' }
            : ph,
        ),
      ),
    [],
  );

  const start = async (policy: OnConflict) => {
    const bytes = pickedBytes(files);
    setError(null);
    if (!files.length) return setError('Choose files or a folder to import first.');
    if (target === 'new' && !/\.permsim$/.test(newPath.trim()))
      return setError('Give the new project a path ending in .permsim.');
    if (bytes > IMPORT_UPLOAD_LIMIT_BYTES)
      return setError(
        `These files are ${(bytes / 1e6).toFixed(1)} MB, more than one import from the app takes (${(IMPORT_UPLOAD_LIMIT_BYTES / 1e6).toFixed(0)} MB). Import them with the command line: permsim import FOLDER --into PROJECT.permsim`,
      );
    setPhase({ step: 'running', done: 0, total: files.length, label: 'Preparing files' });
    const payload: { path: string; base64: string }[] = [];
    for (const f of files) {
      try {
        payload.push({ path: f.path, base64: await toBase64(f.file) });
      } catch {
        setPhase({ step: 'choose' });
        return setError(`${f.path} could not be read; choose the files again.`);
      }
    }
    setPhase({ step: 'running', done: 0, total: files.length, label: 'Reading files' });
    const r = await api.call('project:import', {
      files: payload,
      onConflict: policy,
      ...(target === 'new' ? { newProject: newPath.trim() } : {}),
    });
    if (!r.ok) {
      setPhase({ step: 'choose' });
      setError(r.error.message);
      return;
    }
    setOnConflict(policy);
    setPhase({ step: 'report', outcome: r.value });
  };

  return { phase, error, start };
}
