/**
 * The renderer's one zustand store, made of slices (style.md §2 practice 17): `project` (info,
 * outline, saved requests, edits, undo/redo), `ask` (the Ask form and its decision), `selection`
 * (navigator selection, inspector data, effective permissions) and `ui` (toasts, progress, dialogs).
 * It holds view state and query results only; the model lives in main (architecture.md §1).
 *
 * @example
 * const user = useAppStore((s) => s.user);
 * const { info, undo } = useAppStore(useShallow((s) => ({ info: s.info, undo: s.undo })));
 */
import { create } from 'zustand';
import { createAskSlice, type AskSlice } from './ask-slice';
import { createProjectSlice, type ProjectSlice } from './project-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = ProjectSlice & AskSlice & SelectionSlice & UiSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createAskSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
}));
