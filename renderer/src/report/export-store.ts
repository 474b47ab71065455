/**
 * Whether the report Export dialog is open. Its own tiny store, so the top bar button, the desktop
 * menu (`menu:command` `export`) and the dialog share it without touching the app store's dialogs.
 *
 * @example
 * useExportDialog.getState().openDialog();
 */
import { create } from 'zustand';

export type ExportDialogState = { open: boolean; openDialog(): void; close(): void };

export const useExportDialog = create<ExportDialogState>(set => ({
  open: false,
  openDialog: () => set({ open: true }),
  close: () => set({ open: false }),
}));
