/**
 * Whether the report Export dialog is open, and the choices it was last closed with, per project
 * (keyed by the project's path, so another project starts from its own or the default choices).
 * The top bar button, the desktop menu (`menu:command` `export`) and the dialog share it. A project
 * switch closes the dialog; the remembered choices stay, keyed by path, and are also kept in
 * localStorage where there is one, so they survive a restart.
 *
 * @example
 * useAppStore.getState().exportDialog.openDialog();
 * useAppStore.getState().exportDialog.remember('/work/plant.permsim', choices);
 */
import type { ReportFormat, ReportSection, ReportTemplate } from '../../../shared/report/types';
import type { NestedSlice } from './nested';

/** What the dialog remembers of a project's last export. */
export type RememberedExport = {
  template: ReportTemplate | 'custom';
  format: ReportFormat;
  sections: ReportSection[];
  scenario: number | null;
  users: string[];
  things: string[];
  contexts: string[];
  title: string;
  askQuestion: boolean;
};

export type ExportSlice = {
  open: boolean;
  openDialog(): void;
  close(): void;
  /** Last choices per project path. */
  remembered: Map<string, RememberedExport>;
  remember(path: string, choice: RememberedExport): void;
  recall(path: string): RememberedExport | undefined;
};

const STORAGE_KEY = 'permsim.export-choices';

function load(): Map<string, RememberedExport> {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return new Map(
      Array.isArray(list)
        ? list.filter(
            (x): x is [string, RememberedExport] =>
              Array.isArray(x) &&
              typeof x[0] === 'string' &&
              typeof x[1] === 'object' &&
              x[1] !== null,
          )
        : [],
    );
  } catch {
    return new Map();
  }
}

function save(m: Map<string, RememberedExport>): void {
  try {
    // The last 20 projects are enough; older ones fall back to the defaults.
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify([...m].slice(-20)));
  } catch {
    // No storage (private window, quota): remembered for this session only.
  }
}

export const createExportSlice: NestedSlice<ExportSlice> = (set, get) => ({
  open: false,
  openDialog: () => set({ open: true }),
  close: () => set({ open: false }),
  remembered: load(),
  remember(path, choice) {
    const m = new Map(get().remembered);
    m.delete(path);
    m.set(path, choice);
    save(m);
    set({ remembered: m });
  },
  recall: path => get().remembered.get(path),
});
