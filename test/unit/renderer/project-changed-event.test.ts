// The backend's project:changed event can arrive after the reply of the call that caused it (events
// and replies travel apart). A late event about the project open before the last Open… must not
// switch back to it, nor close the Open… dialog the user opened since.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectInfo } from '../../../shared/contract';

const info = (path: string, revision = 0): ProjectInfo => ({
  path,
  modelName: path,
  counts: {},
  canUndo: false,
  canRedo: false,
  revision,
});

/** What the backend has open: `project:info` answers it, as the real handler map does. */
let open = info('/p/a.permsim');

vi.mock('../../../renderer/src/api', () => ({
  api: {
    call: (name: string) => {
      if (name === 'project:info') return Promise.resolve({ ok: true, value: open });
      if (name === 'project:open') return Promise.resolve({ ok: true, value: open });
      if (name === 'model:outline' || name === 'model:requests')
        return Promise.resolve({ ok: true, value: [] });
      return Promise.resolve({ ok: false, error: { code: 'test', message: `${name}: not here` } });
    },
    on: () => () => undefined,
  },
}));

const { useAppStore } = await import('../../../renderer/src/stores/app-store');

describe('the project:changed push event', () => {
  beforeEach(async () => {
    open = info('/p/a.permsim');
    await useAppStore.getState().loadProject();
  });

  it('a late event about the previous project keeps the project open now and the Open… dialog', async () => {
    const store = useAppStore.getState;
    // Open… project b: the backend switches, the reply arrives first.
    open = info('/p/b.permsim');
    expect(await store().openProject('/p/b.permsim')).toBeNull();
    expect(store().info?.path).toBe('/p/b.permsim');
    // The user opens Open… again at once; then the event sent while a was still open arrives.
    store().setDialog({ type: 'open-project' });
    const epoch = store().projectEpoch;
    await store().projectChanged(info('/p/a.permsim', 1));
    expect(store().info?.path).toBe('/p/b.permsim');
    expect(store().dialog).toEqual({ type: 'open-project' });
    expect(store().projectEpoch).toBe(epoch);
  });

  it('an event after a switch made elsewhere (the desktop menu) still switches the views', async () => {
    const store = useAppStore.getState;
    open = info('/p/c.permsim', 3);
    await store().projectChanged(open);
    expect(store().info?.path).toBe('/p/c.permsim');
    expect(store().info?.revision).toBe(3);
  });
});
