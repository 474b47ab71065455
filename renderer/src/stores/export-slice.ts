/**
 * Whether the report Export dialog is open: the top bar button, the desktop menu (`menu:command`
 * `export`) and the dialog share it. The dialog's form lives in the dialog, so closing it (as a
 * project switch does) forgets the previous project's choices.
 *
 * @example
 * useAppStore.getState().exportDialog.openDialog();
 */
import type { NestedSlice } from './nested';

export type ExportSlice = { open: boolean; openDialog(): void; close(): void };

export const createExportSlice: NestedSlice<ExportSlice> = set => ({
  open: false,
  openDialog: () => set({ open: true }),
  close: () => set({ open: false }),
});
