/**
 * File > Import…: the dialog, the page-wide drop target and their store.
 *
 * @example
 * <ImportDialog /> <ImportDropTarget />; useImportDialog.getState().openDialog();
 */
export { ImportDialog } from './ImportDialog';
export { ImportDropTarget } from './ImportDropTarget';
export { useImportDialog } from './import-store';
