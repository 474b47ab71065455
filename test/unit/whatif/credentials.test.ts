/**
 * The what-if evaluates every caller with the credentials it can really present (§3.9, §3.11):
 * users with Basic auth, and each application key from an address inside each of its allowlist
 * entries and from one outside; locked users and expired keys stay in the scope. On the sensor
 * demo, removing the analysts' Deny gives GetDataStream to alice and to her key analyst-key (from
 * inside 10.1.0.0/16), and the diff, the fix suggestions and their counts say so.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/engine/index';
import {
  allCallers,
  applyChanges,
  callerKey,
  callerLabel,
  canonicalCaller,
  describeCallerCounts,
  diffModels,
  diffSummary,
  keyCallers,
  suggestFixes,
  watchCallers,
} from '../../../shared/whatif';
import { addressInside } from '../../../shared/whatif/cells';
import { loadDemoModel } from '../demo-model';
import { GET_DATA_STREAM as STREAM, REMOVE_ANALYSTS_DENY } from '../demo-project';

const REMOVE_DENY = REMOVE_ANALYSTS_DENY;

describe('callers with the credentials they can present (§3.9)', () => {
  it('evaluates a key from inside each allowlist entry and from outside, and a key without a list from any address', () => {
    const m = loadDemoModel();
    expect(keyCallers([m], 'analyst-key')).toEqual([
      { type: 'appKey', name: 'analyst-key', ip: '10.1.0.1', from: '10.1.0.0/16' },
      { type: 'appKey', name: 'analyst-key', ip: '127.0.0.1', from: 'outside' },
    ]);
    m.appKeys['open-key'] = { name: 'open-key', user: 'bob', ipAllowlist: [] };
    m.appKeys['two-key'] = {
      name: 'two-key',
      user: 'bob',
      ipAllowlist: ['127.0.0.1', '10.1.2.3', '192.168.0.0/24'],
    };
    expect(keyCallers([m], 'open-key')).toEqual([{ type: 'appKey', name: 'open-key' }]);
    // 127.0.0.1 is on the list, so "outside" is a documentation address (RFC 5737).
    expect(keyCallers([m], 'two-key').map(c => [c.ip, c.from])).toEqual([
      ['127.0.0.1', '127.0.0.1'],
      ['10.1.2.3', '10.1.2.3'],
      ['192.168.0.1', '192.168.0.0/24'],
      ['192.0.2.1', 'outside'],
    ]);
    // Every address on the list: there is no outside.
    m.appKeys['all-key'] = { name: 'all-key', user: 'bob', ipAllowlist: ['0.0.0.0/0'] };
    expect(keyCallers([m], 'all-key').map(c => c.from)).toEqual(['0.0.0.0/0']);
    expect(addressInside('10.1.2.3/32')).toBe('10.1.2.3');
    expect(addressInside('10.1.2.7/31')).toBe('10.1.2.6');
    expect(addressInside('10.1.2.0/40')).toBeUndefined();
    // Each representative address really is answered as inside (or outside) by the engine.
    for (const c of keyCallers([m], 'two-key')) {
      const d = evaluate(m, {
        method: 'GET',
        path: '/Thingworx/Things/SensorDataStream/Properties/temperature',
        credentials: { type: 'appKey', key: 'two-key', via: 'header' },
        ...(c.ip ? { clientIp: c.ip } : {}),
      });
      expect(d.status === 401, `${callerLabel(c)}: ${d.status}`).toBe(c.from === 'outside');
    }
  });

  it('keeps locked users and expired keys in the scope: their 401 is an answer that can change', () => {
    const m = loadDemoModel();
    m.appKeys['old-key'] = {
      name: 'old-key',
      user: 'bob',
      expires: '2025-01-01T00:00:00Z',
      ipAllowlist: [],
    };
    const keys = allCallers([m]).map(callerKey);
    expect(keys).toContain('user:carol'); // locked
    expect(keys).toContain('appKey:old-key'); // expired
    const unlocked = applyChanges(m, [
      { type: 'set-user-flags', name: 'carol', locked: false },
      { type: 'set-app-key', name: 'old-key', expires: null },
    ]);
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const d = diffSummary(m, unlocked.model, { kind: 'affected' });
    if (!d.ok) throw new Error(d.error.message);
    const who = d.value.byCaller.map(x => callerKey(x.caller));
    expect(who).toContain('user:carol');
    expect(who).toContain('appKey:old-key');
  });

  it('reads an address in a watch list, and expands a key named without one', () => {
    expect(watchCallers(['alice', 'appKey:analyst-key@10.1.2.3', 'appKey:a@b'])).toEqual([
      { type: 'user', name: 'alice' },
      { type: 'appKey', name: 'analyst-key', ip: '10.1.2.3' },
      { type: 'appKey', name: 'a@b' },
    ]);
    const m = loadDemoModel();
    const after = applyChanges(m, [REMOVE_DENY]);
    if (!after.ok) throw new Error(after.error.message);
    const one = diffModels(m, after.model, {
      kind: 'watch',
      callers: watchCallers(['appKey:analyst-key@10.1.2.3']),
      calls: [STREAM],
    });
    if (!one.ok) throw new Error(one.error.message);
    expect(
      one.value.cells.map(c => [callerLabel(c.caller), c.before.status, c.after.status]),
    ).toEqual([['via key analyst-key from 10.1.2.3', 403, 200]]);
    // From outside its allowlist the key is refused before and after (§3.9): no change.
    const outside = diffModels(m, after.model, {
      kind: 'watch',
      callers: watchCallers(['appKey:analyst-key@192.168.1.5']),
      calls: [STREAM],
    });
    expect(outside.ok && outside.value.counts.total).toBe(0);
    const every = diffModels(m, after.model, {
      kind: 'watch',
      callers: watchCallers(['appKey:analyst-key']),
      calls: [STREAM],
    });
    if (!every.ok) throw new Error(every.error.message);
    expect(every.value.scopeCells).toBe(2); // inside 10.1.0.0/16, and outside
    expect(every.value.cells.map(c => callerKey(c.caller))).toEqual([
      'appKey:analyst-key@10.1.0.0/16',
    ]);
  });
});

describe('the sensor demo: the analysts fix also opens GetDataStream to analyst-key', () => {
  it('counts the key apart from alice in the diff, the summary and the fix suggestions', () => {
    const m = loadDemoModel();
    const after = applyChanges(m, [REMOVE_DENY]);
    if (!after.ok) throw new Error(after.error.message);
    const full = diffModels(m, after.model, { kind: 'affected' });
    const summary = diffSummary(m, after.model, { kind: 'affected' });
    if (!full.ok || !summary.ok) throw new Error('diff failed');
    const text = 'alice: 1 call; via key analyst-key from 10.1.0.0/16: 1 call';
    expect(describeCallerCounts(full.value.byCaller)).toBe(text);
    expect(describeCallerCounts(summary.value.byCaller)).toBe(text);
    expect(summary.value.blastRadius[0]?.callers).toEqual([
      'appKey:analyst-key@10.1.0.0/16',
      'user:alice',
    ]);

    const fixes = suggestFixes(m, { type: 'user', name: 'alice' }, STREAM);
    if (!fixes.ok) throw new Error(fixes.error.message);
    const removal = fixes.value.suggestions.find(s => s.description.startsWith('remove deny'));
    expect(removal).toBeDefined();
    // Not "nothing else changes": the key runs as alice (§3.9) and gains the call too.
    expect(removal?.extra.total).toBe(1);
    expect(describeCallerCounts(removal?.extraByCaller ?? [])).toBe(
      'via key analyst-key from 10.1.0.0/16: 1 call',
    );
    // No suggestion claims nothing else changes while the key gains.
    for (const s of fixes.value.suggestions)
      if (s.extra.total === 0) expect(s.extraByCaller).toEqual([]);

    // Asked for the key from an address inside its list, the goal is the enumerated caller.
    const byKey = suggestFixes(
      m,
      { type: 'appKey', name: 'analyst-key', ip: '10.1.20.30' },
      STREAM,
    );
    if (!byKey.ok) throw new Error(byKey.error.message);
    expect(byKey.value.caller).toEqual(
      canonicalCaller([m], { type: 'appKey', name: 'analyst-key', ip: '10.1.20.30' }),
    );
    const viaKey = byKey.value.suggestions.find(s => s.description.startsWith('remove deny'));
    expect(describeCallerCounts(viaKey?.extraByCaller ?? [])).toBe('alice: 1 call');
  });
});
