// The what-if view's "Computing the diff…" line offers Cancel: the diff's answer is dropped, the view
// says it was cancelled (with "Compute the diff again"), and the backend is told to stop.
import { describe, expect, it, vi } from 'vitest';
import type { WhatIfChange } from '../../../shared/whatif';

const calls: string[] = [];

vi.mock('../../../renderer/src/api', () => ({
  api: {
    call: (name: string) => {
      calls.push(name);
      // The diff never answers by itself: only Cancel ends the wait.
      if (name === 'whatif:summary') return new Promise(() => undefined);
      if (name === 'whatif:cancel')
        return Promise.resolve({ ok: true, value: { cancelled: true } });
      return Promise.resolve({ ok: false, error: { code: 'test', message: `${name}: not here` } });
    },
    on: () => () => undefined,
  },
}));

const { useAppStore } = await import('../../../renderer/src/stores/app-store');

describe('Cancel of the what-if diff', () => {
  it('stops waiting, says so and tells the backend to stop', async () => {
    const change: WhatIfChange = { type: 'add-user', name: 'zed' };
    useAppStore.setState(s => ({
      whatif: { ...s.whatif, draft: { ...s.whatif.draft, changes: [change] } },
    }));
    const w = () => useAppStore.getState().whatif;
    const pending = w().recompute();
    expect(w().running).toBe(true);
    w().cancelDiff();
    expect(w().running).toBe(false);
    expect(w().result).toBeNull();
    expect(w().error).toEqual({
      message: 'Cancelled: the diff was not computed.',
      cancelled: true,
    });
    await vi.waitFor(() => expect(calls).toContain('whatif:cancel'));
    void pending;
  });
});
