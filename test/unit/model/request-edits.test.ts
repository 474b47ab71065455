// Saved-request edits (shared/model/edits.ts): adding a request and setting expectations are model
// edits like any other, so they are saved, undone and exported with the model.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../../shared/apps/apply-edit';
import { loadDemoModel } from '../demo-model';

describe('saved-request edits', () => {
  it('adds a request at the end, without a source line', () => {
    const m = loadDemoModel();
    const r = applyEdit(m, {
      type: 'add-request',
      request: {
        as: 'bob',
        call: 'GET /Thingworx/Things/SensorDataStream',
        expect: { status: 200 },
        line: 3,
      },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.model.requests).toHaveLength(m.requests.length + 1);
    expect(r.model.requests.at(-1)).toEqual({
      as: 'bob',
      call: 'GET /Thingworx/Things/SensorDataStream',
      expect: { status: 200 },
    });
    expect(m.requests).toHaveLength(r.model.requests.length - 1);
  });

  it('sets the expectations of several requests in one edit and leaves the rest', () => {
    const m = loadDemoModel();
    const r = applyEdit(m, {
      type: 'set-request-expects',
      changes: [
        { index: 0, expect: { status: 403 } },
        { index: 2, expect: { status: 404, body: 'Not Found' } },
      ],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.model.requests[0]?.expect).toEqual({ status: 403 });
    expect(r.model.requests[2]?.expect).toEqual({ status: 404, body: 'Not Found' });
    expect(r.model.requests[1]).toEqual(m.requests[1]);
  });

  it('refuses a request that does not exist', () => {
    const m = loadDemoModel();
    const r = applyEdit(m, {
      type: 'set-request-expects',
      changes: [{ index: m.requests.length, expect: { status: 200 } }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(`no saved request ${m.requests.length + 1}`);
  });
});
