/**
 * The Import dialog's own store (like the report Export dialog's): whether it is open and the files
 * dropped onto the window before it opened. The desktop menu (`menu:command` `import`), the top
 * bar's Import… button and a drop anywhere on the page open it.
 *
 * @example
 * useImportDialog.getState().openDialog(droppedFiles);
 */
import { create } from 'zustand';

/** A file to import: its path inside the chosen folder (or its name) and the File to read. */
export type PickedFile = { path: string; file: File };

export type ImportDialogState = {
  open: boolean;
  /** Files handed over by a drop; the dialog takes them as its selection. */
  dropped: PickedFile[] | null;
  openDialog(dropped?: PickedFile[]): void;
  close(): void;
};

export const useImportDialog = create<ImportDialogState>(set => ({
  open: false,
  dropped: null,
  openDialog: dropped => set({ open: true, dropped: dropped ?? null }),
  close: () => set({ open: false, dropped: null }),
}));
