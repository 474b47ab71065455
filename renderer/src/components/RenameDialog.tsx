/** Rename a model element (one undoable edit). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkName, renameEdit, type RenameKind } from '../lib/edit-builders';
import { useAppStore } from '../stores/app-store';
import { Modal } from './DialogFrame';
import { NameField } from './NameField';

export function RenameDialog({ kind, name }: { kind: RenameKind; name: string }) {
  const { applyEdit, setDialog, select } = useAppStore(
    useShallow(s => ({ applyEdit: s.applyEdit, setDialog: s.setDialog, select: s.select })),
  );
  const [to, setTo] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const close = () => setDialog(null);
  return (
    <Modal title={`Rename ${kind} ${name}`} onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          const problem =
            checkName(kind, to) ??
            (to === name ? 'The new name is the same as the old one.' : null);
          if (problem) return setError(problem);
          void applyEdit(renameEdit(kind, name, to), `Renamed ${kind} ${name} to ${to}.`).then(
            ok => {
              if (ok) {
                close();
                void select({ kind, name: to });
              }
            },
          );
        }}
      >
        <NameField label="New name" value={to} onChange={setTo} error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Rename
          </button>
        </div>
      </form>
    </Modal>
  );
}
