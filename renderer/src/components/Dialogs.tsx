/**
 * The dialogs the app store opens (`dialog` in ui-slice): each in its own file, all in the shared
 * frame (DialogFrame).
 */
import { useAppStore } from '../stores/app-store';
import { AddDialog } from './AddDialog';
import { OpenProjectDialog } from './OpenProjectDialog';
import { ProjectPathDialog } from './ProjectPathDialog';
import { RenameDialog } from './RenameDialog';
import { SemanticsDialog } from './SemanticsOptions';
import { UnsavedDraftDialog } from './UnsavedDraftDialog';

export { closeIfStillOpen, Modal } from './DialogFrame';

export function Dialogs() {
  const dialog = useAppStore(s => s.dialog);
  if (!dialog) return null;
  if (dialog.type === 'open-project') return <OpenProjectDialog />;
  if (dialog.type === 'unsaved-draft')
    return <UnsavedDraftDialog path={dialog.path} action={dialog.action ?? 'open'} />;
  if (dialog.type === 'project-path') return <ProjectPathDialog action={dialog.action} />;
  if (dialog.type === 'rename') return <RenameDialog kind={dialog.kind} name={dialog.name} />;
  if (dialog.type === 'semantics') return <SemanticsDialog />;
  return <AddDialog what={dialog.what} org={dialog.org} parent={dialog.parent} />;
}
