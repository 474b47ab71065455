/**
 * The equipment tree's slice (renderer/src/trees): chosen context and principal, expansion, the
 * first window of rows, the selected node, the propagation form and its preview. Calls go through
 * the store's `run` (progress bar, errors as data) and so through `api` only.
 *
 * @example
 * const { view, toggle } = useTreeStore(useShallow(s => ({ view: s.view, toggle: s.toggle })));
 */
import type {
  ContextSummary,
  PropagationPreview,
  TreeRow,
  TreeView,
} from '../../../shared/apps/tree-data';
import type { PrincipalRef } from '../../../shared/model/types';
import type { AppsCall, PropagationForm } from '../trees/propagation-call';
import { callKey, formProblem, propagationCall } from '../trees/propagation-call';
import type { NestedSlice } from './nested';

/** Above this many visible rows the view switches from React Flow to the virtualised list (performance.md §4.1). */
export const FLOW_LIMIT = 500;
/** Contexts up to this size open fully expanded; larger ones show their roots. */
const EXPAND_ALL_UP_TO = 200;

/** `all`: every node expanded except `names`; otherwise only `names` are expanded. */
export type Expansion = { all: boolean; names: string[] };

type TreeData = {
  contexts: ContextSummary[];
  context: string;
  principal: PrincipalRef | null;
  expansion: Expansion;
  view: TreeView | null;
  /** Changes whenever the list's pages must be fetched again. */
  fetchKey: string;
  selected: TreeRow | null;
  form: PropagationForm;
  preview: { key: string; call: AppsCall; value: PropagationPreview } | null;
  formError: string | null;
  /** Project revision the rows and the preview were read at; a newer one drops the preview. */
  revision: number | undefined;
};

export type TreeState = TreeData & {
  loadContexts(revision?: number): Promise<void>;
  setContext(name: string): Promise<void>;
  setPrincipal(p: PrincipalRef): Promise<void>;
  /** Opens a context for a principal, fully expanded, with one node selected (a link from Ask). */
  focus(f: { context: string; principal: PrincipalRef; node: string }): Promise<void>;
  toggle(row: TreeRow): Promise<void>;
  expandAll(): Promise<void>;
  collapseAll(): Promise<void>;
  refresh(): Promise<void>;
  select(row: TreeRow | null): void;
  setForm(patch: Partial<PropagationForm>): void;
  runPreview(): Promise<void>;
  apply(): Promise<void>;
  /** Forgets everything (another project was opened). */
  reset(): void;
};

export function expansionArgs(e: Expansion): { expanded: string[] | 'all'; collapsed?: string[] } {
  return e.all
    ? e.names.length
      ? { expanded: 'all', collapsed: e.names }
      : { expanded: 'all' }
    : { expanded: e.names };
}

let request = 0;

const initial = (): TreeData => ({
  contexts: [],
  context: '',
  principal: null,
  expansion: { all: true, names: [] },
  view: null,
  fetchKey: '',
  selected: null,
  form: { target: 'group', principal: '', permission: 'Read', entityName: '' },
  preview: null,
  formError: null,
  revision: undefined,
});

export const createTreesSlice: NestedSlice<TreeState> = (set, get, app) => ({
  ...initial(),

  async loadContexts(revision) {
    // A saved change (apply, undo, an edit elsewhere) makes an earlier preview meaningless.
    if (revision !== get().revision) set({ revision, preview: null });
    const r = await app().run('apps:contexts', {}, { label: 'Loading contexts' });
    if (!r.ok) return;
    const { context } = get();
    const keep = r.value.find(c => c.name === context);
    set({ contexts: r.value });
    if (!keep && r.value[0]) await get().setContext(r.value[0].name);
    else await get().refresh();
  },

  async setContext(name) {
    const c = get().contexts.find(x => x.name === name);
    set({
      context: name,
      expansion: { all: (c?.equipmentCount ?? 0) <= EXPAND_ALL_UP_TO, names: [] },
      selected: null,
      preview: null,
    });
    await get().refresh();
  },

  async setPrincipal(p) {
    set({ principal: p, selected: null });
    await get().refresh();
  },

  async focus({ context, principal, node }) {
    // The contexts first: the view keeps a context it finds among them instead of the first one.
    const r = await app().run('apps:contexts', {}, { label: 'Loading contexts' });
    if (!r.ok) return;
    set({
      contexts: r.value,
      context,
      principal,
      expansion: { all: true, names: [] },
      selected: null,
      preview: null,
    });
    await get().refresh();
    const row = get().view?.rows.find(x => x.name === node);
    if (row) set({ selected: row });
  },

  async toggle(row) {
    const { expansion } = get();
    const open = row.expanded;
    const names = new Set(expansion.names);
    // In 'all' mode names are the collapsed ones, otherwise the expanded ones.
    if (expansion.all === open) names.add(row.name);
    else names.delete(row.name);
    set({ expansion: { all: expansion.all, names: [...names] } });
    await get().refresh();
  },

  async expandAll() {
    set({ expansion: { all: true, names: [] } });
    await get().refresh();
  },

  async collapseAll() {
    set({ expansion: { all: false, names: [] } });
    await get().refresh();
  },

  async refresh() {
    const { context, principal, expansion } = get();
    if (!context || !principal) return;
    const mine = ++request;
    const r = await app().run(
      'apps:tree',
      { context, principal, ...expansionArgs(expansion), offset: 0, limit: FLOW_LIMIT },
      { label: 'Reading equipment permissions' },
    );
    if (mine !== request || !r.ok) return;
    const selected = get().selected;
    set({
      view: r.value,
      fetchKey: `${mine}`,
      selected: selected ? (r.value.rows.find(x => x.name === selected.name) ?? selected) : null,
    });
  },

  select(row) {
    set({ selected: row });
  },

  setForm(patch) {
    set(s => ({ form: { ...s.form, ...patch }, formError: null }));
  },

  async runPreview() {
    const { context, form } = get();
    const problem = formProblem(form);
    if (problem) {
      set({ formError: problem });
      return;
    }
    const call = propagationCall(context, form);
    const r = await app().run('apps:preview-propagation', call, {
      label: 'Previewing',
      quiet: true,
    });
    if (!r.ok) {
      set({ formError: r.error.message, preview: null });
      return;
    }
    set({ preview: { key: callKey(call), call, value: r.value }, formError: null });
  },

  async apply() {
    const { preview, context, form } = get();
    const call = propagationCall(context, form);
    if (!preview || preview.key !== callKey(call)) {
      set({ formError: 'Preview this propagation first: Apply saves exactly what was previewed.' });
      return;
    }
    const r = await app().run('apps:apply', call, { label: 'Applying', quiet: true });
    if (!r.ok) {
      set({ formError: r.error.message });
      return;
    }
    set({ preview: null, formError: null });
    await app().afterChange(r.value);
    app().notify(
      'info',
      `Applied ${call.service} (${form.permission} for ${form.target} ${form.principal}); undo restores the previous state.`,
    );
  },

  reset() {
    // Bumping the request counter drops a tree reply still on its way from the previous project.
    request++;
    set(initial());
  },
});
