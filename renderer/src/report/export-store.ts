/**
 * Whether the report Export dialog is open: the app store's `exportDialog` slice
 * (stores/export-slice.ts).
 *
 * @example
 * useExportDialog.getState().openDialog();
 */
import { sliceHook } from '../stores/slice-hooks';

export type { ExportSlice as ExportDialogState, RememberedExport } from '../stores/export-slice';
export const useExportDialog = sliceHook('exportDialog');
