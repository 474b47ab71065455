import type { StateCreator } from 'zustand';
import type { EffectiveRow, ElementDetails, PrincipalPage } from '../../../shared/contract';
import type { Selection } from '../lib/refs';
import type { AppState } from './app-store';

export type SelectionSlice = {
  selected: Selection | null;
  /** The selected element and what the inspector shows beside it (contract `model:element`). */
  element: ElementDetails | null;
  elementError: string | null;
  /** The other half of the effective-permission table: a user for a Thing, a Thing for a user. */
  effectivePartner: string;
  effective: EffectiveRow[] | null;
  effectiveError: string | null;
  /** The selected user's or group's page (members, groups, units, entries naming it). */
  principal: PrincipalPage | null;
  select(sel: Selection): Promise<void>;
  clearSelection(): void;
  refreshElement(): Promise<void>;
  setEffectivePartner(name: string): Promise<void>;
  refreshEffective(): Promise<void>;
};

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => {
  const refreshPrincipal = async () => {
    const sel = get().selected;
    if (!sel || (sel.kind !== 'user' && sel.kind !== 'group')) {
      set({ principal: null });
      return;
    }
    // Its error, if any, is the element's own (the same name): shown once, by the inspector.
    const r = await get().run(
      'model:principal',
      { type: sel.kind, name: sel.name },
      { quiet: true },
    );
    if (get().selected !== sel) return;
    set({ principal: r.ok ? r.value : null });
  };
  return {
    selected: null,
    element: null,
    elementError: null,
    effectivePartner: '',
    effective: null,
    effectiveError: null,
    principal: null,
    async select(sel) {
      // A characteristic ref names its entity without saying whether it is a Thing, template or shape.
      const items = get().allItems;
      let resolved = sel;
      if (!items.some(i => i.kind === sel.kind && i.name === sel.name)) {
        const other = items.find(i => i.name === sel.name);
        if (other) resolved = { kind: other.kind, name: other.name };
      }
      const partner = get().effectivePartner;
      const partnerFits =
        resolved.kind === 'thing'
          ? items.some(i => i.kind === 'user' && i.name === partner)
          : resolved.kind === 'user' && items.some(i => i.kind === 'thing' && i.name === partner);
      set({
        selected: resolved,
        element: null,
        elementError: null,
        effective: null,
        effectiveError: null,
        principal: null,
      });
      if (!partnerFits) {
        const fallback =
          resolved.kind === 'thing'
            ? ((get().user || items.find(i => i.kind === 'user')?.name) ?? '')
            : (items.find(i => i.kind === 'thing' && !i.builtin)?.name ?? '');
        set({ effectivePartner: fallback });
      }
      await get().refreshElement();
    },
    clearSelection() {
      set({
        effectivePartner: '',
        selected: null,
        element: null,
        elementError: null,
        effective: null,
        effectiveError: null,
        principal: null,
      });
    },
    async refreshElement() {
      const sel = get().selected;
      if (!sel) return;
      const r = await get().run(
        'model:element',
        { kind: sel.kind, name: sel.name },
        { quiet: true },
      );
      if (get().selected !== sel) return;
      if (r.ok) set({ element: r.value, elementError: null });
      else set({ element: null, elementError: r.error.message });
      await Promise.all([get().refreshEffective(), refreshPrincipal()]);
    },
    async setEffectivePartner(name) {
      set({ effectivePartner: name });
      await get().refreshEffective();
    },
    async refreshEffective() {
      const sel = get().selected;
      const partner = get().effectivePartner;
      if (!sel || (sel.kind !== 'thing' && sel.kind !== 'user') || partner === '') {
        set({ effective: null, effectiveError: null });
        return;
      }
      const args =
        sel.kind === 'thing'
          ? { user: partner, collection: 'Things', entity: sel.name }
          : { user: sel.name, collection: 'Things', entity: partner };
      const r = await get().run('engine:effective-table', args, { quiet: true });
      if (get().selected !== sel || get().effectivePartner !== partner) return;
      if (r.ok) set({ effective: r.value, effectiveError: null });
      else set({ effective: null, effectiveError: r.error.message });
    },
  };
};
