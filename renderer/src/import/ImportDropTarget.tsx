/**
 * Drops anywhere on the page open the Import dialog with the dropped files and folders; while files
 * are dragged over the window an overlay says so.
 *
 * @example
 * <ImportDropTarget />
 */
import { useEffect, useState } from 'react';
import { useImportDialog } from './import-store';
import { filesFromDrop } from './pick-files';

/** Drops anywhere on the page open the Import dialog with the dropped files and folders. */
export function ImportDropTarget() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      void filesFromDrop(e.dataTransfer).then(files => {
        if (files.length) useImportDialog.getState().openDialog(files);
      });
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over ? (
    <div className="import-drop-overlay" aria-hidden="true">
      Drop ThingWorx export files or folders to import them
    </div>
  ) : null;
}
