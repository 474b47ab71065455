/**
 * The Traffic view's state (docs/stand-in-server.md "In the app"): whether the stand-in ThingWorx
 * runs and where, the requests it answered (polled while the view is open), the filters, the row
 * opened, and the permission-test text made from the log. A project switch stops showing the old
 * project's traffic (the backend stops its stand-in, main/api/mock-handlers.ts).
 *
 * @example
 * await useTrafficStore.getState().start(8080);
 * await useTrafficStore.getState().poll();
 */
import type { StandInStatus, TrafficEntry } from '../../../shared/contract';
import type { NestedSlice } from './nested';
import { savedFromLog } from '../traffic/saved-from-log';

/** Entries kept in the view (the backend keeps its own last 5,000). */
export const TRAFFIC_SHOWN = 2000;

export type StatusFilter = 'all' | 'ok' | '401' | '403' | '404' | 'other' | 'changed';

export type TrafficState = {
  status: StandInStatus;
  entries: TrafficEntry[];
  total: number;
  filter: { status: StatusFilter; caller: string; entity: string };
  selected: number | null;
  /** Rows ticked for "Save as requests" (their `seq`). */
  picked: number[];
  togglePick(seq: number): void;
  /**
   * The ticked rows become the project's saved requests, in one undoable edit; true when saved
   * (a toast says how many, and how many rows could not be stated as a request).
   */
  saveAsRequests(): Promise<boolean>;
  starting: boolean;
  /** Starts the stand-in; with `scenario` (a stored scenario's id) in compare mode. */
  start(port: number, scenario?: number): Promise<void>;
  /** Stored scenarios to compare with ({ id, name }), loaded by `loadScenarios`. */
  scenarios: { id: number; name: string }[];
  loadScenarios(): Promise<void>;
  stop(): Promise<void>;
  /** Fetches the requests answered since the last poll. */
  poll(): Promise<void>;
  setFilter(f: Partial<TrafficState['filter']>): void;
  select(seq: number | null): void;
  /** The log as a permission-test file (text), or undefined when the call failed (a toast says why). */
  testsText(): Promise<{ text: string; tests: number } | undefined>;
  reset(): void;
};

const initial = {
  status: { running: false } as StandInStatus,
  entries: [] as TrafficEntry[],
  total: 0,
  filter: { status: 'all' as StatusFilter, caller: '', entity: '' },
  selected: null as number | null,
  picked: [] as number[],
  starting: false,
  scenarios: [] as { id: number; name: string }[],
};

/** Whether an entry passes the filters (caller and entity: case-insensitive substrings). */
export function matches(e: TrafficEntry, f: TrafficState['filter']): boolean {
  const s = e.status;
  const statusOk =
    f.status === 'all' ||
    (f.status === 'ok' && s < 400) ||
    (f.status === 'changed' && e.change !== undefined) ||
    String(s) === f.status ||
    (f.status === 'other' && s >= 400 && ![401, 403, 404].includes(s));
  const has = (value: string | undefined, q: string) =>
    q.trim() === '' || (value ?? '').toLowerCase().includes(q.trim().toLowerCase());
  return statusOk && has(e.caller, f.caller) && has(e.entity, f.entity);
}

export const createTrafficSlice: NestedSlice<TrafficState> = (set, get, app) => ({
  ...initial,
  async start(port, scenario) {
    set({ starting: true });
    const r = await app().run(
      'mock:start',
      { port, ...(scenario !== undefined ? { scenario } : {}) },
      { label: 'Starting the stand-in server' },
    );
    set({ starting: false });
    if (r.ok) set({ status: r.value });
  },
  async loadScenarios() {
    const r = await app().run('whatif:list', {}, { quiet: true });
    if (r.ok) set({ scenarios: r.value.map(s => ({ id: s.id, name: s.name })) });
  },
  async stop() {
    const r = await app().run('mock:stop', {}, { label: 'Stopping the stand-in server' });
    if (r.ok) set({ status: r.value });
  },
  async poll() {
    const last = get().entries.at(-1)?.seq ?? 0;
    const r = await app().run('mock:traffic', { after: last }, { quiet: true });
    if (!r.ok) return;
    const { entries, total, ...status } = r.value;
    set(s => ({
      status,
      total,
      entries: entries.length ? [...s.entries, ...entries].slice(-TRAFFIC_SHOWN) : s.entries,
    }));
  },
  setFilter(f) {
    set(s => ({ filter: { ...s.filter, ...f } }));
  },
  select(selected) {
    set({ selected });
  },
  togglePick(seq) {
    set(s => ({
      picked: s.picked.includes(seq) ? s.picked.filter(x => x !== seq) : [...s.picked, seq],
    }));
  },
  async saveAsRequests() {
    const { picked, entries } = get();
    const rows = entries.filter(e => picked.includes(e.seq));
    const { requests, leftOut } = savedFromLog(rows);
    const skipped = leftOut
      ? ` ${leftOut} row(s) left out: the engine did not decide them (CSRF filter, not a ThingWorx call, wrong password).`
      : '';
    if (requests.length === 0) {
      app().notify('error', `None of the ticked rows can be saved as a request.${skipped}`);
      return false;
    }
    const saved = await app().applyEdit(
      { type: 'add-requests', requests },
      `Saved ${requests.length} request(s) from the traffic log, each expecting the status it got. Undo removes them.${skipped}`,
    );
    if (saved) set({ picked: [] });
    return saved;
  },
  async testsText() {
    const r = await app().run('mock:tests', {}, { label: 'Turning the log into tests' });
    return r.ok ? r.value : undefined;
  },
  reset() {
    set({ ...initial });
  },
});
