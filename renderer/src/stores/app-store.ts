/**
 * The renderer's one zustand store, made of slices (style.md §2 practice 17): `project` (info,
 * outline, saved requests, edits, undo/redo), `ask` (the Ask form and its decision), `selection`
 * (navigator selection, inspector data, effective permissions), `ui` (errors, progress, dialogs),
 * and, under their own keys, `graph`, `trees` (equipment), `whatif`, `exportDialog`, `traffic` and `lessons`. It holds
 * view state and query results only; the model lives in main (architecture.md §1).
 *
 * Everything in it belongs to the open project: `resetForProject` puts every slice back to its
 * first state when another project is opened, created or reopened, so nothing from the previous
 * one (a what-if draft, a graph focus, the Ask form, an equipment selection) can act on the new one.
 *
 * @example
 * const user = useAppStore((s) => s.user);
 * const { info, undo } = useAppStore(useShallow((s) => ({ info: s.info, undo: s.undo })));
 */
import { create } from 'zustand';
import { createAskSlice, type AskSlice } from './ask-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createGraphSlice, type GraphSlice } from './graph-slice';
import { nested } from './nested';
import { createProjectSlice, type ProjectSlice } from './project-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createTreesSlice, type TreeState } from './trees-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWhatIfSlice, type WhatIfState } from './whatif-slice';
import { createTrafficSlice, type TrafficState } from './traffic-slice';
import { createLessonsSlice, type LessonsState } from './lessons-slice';

export type AppState = ProjectSlice &
  AskSlice &
  SelectionSlice &
  UiSlice & {
    graph: GraphSlice;
    trees: TreeState;
    whatif: WhatIfState;
    exportDialog: ExportSlice;
    traffic: TrafficState;
    lessons: LessonsState;
    /**
     * Bumps on every project switch: views keyed on it start afresh, and replies to calls made
     * for an earlier project are dropped by `run`.
     */
    projectEpoch: number;
    /** Puts every view's state back to its first state (another project is now open). */
    resetForProject(): void;
  };

export const useAppStore = create<AppState>()((set, get, store) => ({
  ...createProjectSlice(set, get, store),
  ...createAskSlice(set, get, store),
  ...createSelectionSlice(set, get, store),
  ...createUiSlice(set, get, store),
  graph: nested('graph', createGraphSlice, set, get),
  trees: nested('trees', createTreesSlice, set, get),
  whatif: nested('whatif', createWhatIfSlice, set, get),
  exportDialog: nested('exportDialog', createExportSlice, set, get),
  traffic: nested('traffic', createTrafficSlice, set, get),
  lessons: nested('lessons', createLessonsSlice, set, get),
  projectEpoch: 0,
  resetForProject() {
    const s = get();
    s.graph.reset();
    s.trees.reset();
    s.whatif.reset();
    s.exportDialog.close();
    s.traffic.reset();
    s.lessons.reset();
    s.resetProjectData();
    s.resetAsk();
    s.clearSelection();
    s.resetUi();
    set({ projectEpoch: s.projectEpoch + 1 });
  },
}));
