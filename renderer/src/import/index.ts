/**
 * File > Import…: the dialog, the page-wide drop target and their store.
 *
 * @example
 * <ImportDialog /> <ImportDropTarget />; useImportDialog.getState().openDialog();
 */
export { ImportDialog, ImportDropTarget } from './ImportDialog';
export { useImportDialog } from './import-store';
