/**
 * Edit controls of a read-only model file (a `.yaml`/`.json` opened as it is): disabled until the
 * user makes an editable copy, so no edit fails only after its form was filled in.
 */
import type { ReactNode } from 'react';
import { useAppStore } from '../stores/app-store';

export const useReadOnly = (): boolean => useAppStore(s => s.info?.readOnly === true);

export function EditGuard({ children }: { children: ReactNode }) {
  const readOnly = useReadOnly();
  return (
    <fieldset
      className="edit-guard"
      disabled={readOnly}
      title={readOnly ? 'Read-only model file: make an editable copy to edit' : undefined}
    >
      {children}
    </fieldset>
  );
}
