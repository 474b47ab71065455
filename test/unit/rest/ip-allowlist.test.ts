import { describe, expect, it } from 'vitest';
import { ipAllowed, matchesEntry } from '../../../shared/rest/ip-allowlist';

describe('application key IP allowlist (§3.9)', () => {
  it('a blank allowlist accepts any IP', () => {
    expect(ipAllowed('203.0.113.9', [])).toEqual({ allowed: true });
  });
  it('matches exact IPv4 addresses and CIDR blocks, including high addresses', () => {
    expect(ipAllowed('10.1.2.3', ['10.1.2.3'])).toEqual({ allowed: true, matched: '10.1.2.3' });
    expect(ipAllowed('10.1.200.3', ['10.9.0.0/16', '10.1.0.0/16'])).toEqual({
      allowed: true,
      matched: '10.1.0.0/16',
    });
    expect(matchesEntry('250.1.2.3', '240.0.0.0/4')).toBe(true);
    expect(matchesEntry('10.2.0.1', '10.1.0.0/16')).toBe(false);
    expect(matchesEntry('10.1.2.4', '10.1.2.3/32')).toBe(false);
  });
  it('does not match malformed entries or addresses', () => {
    expect(matchesEntry('10.1.2.3', '10.1.2.0/40')).toBe(false);
    expect(matchesEntry('10.1.2.300', '10.1.2.0/24')).toBe(false);
    expect(ipAllowed('10.9.9.9', ['10.1.2.3'])).toEqual({ allowed: false });
  });
  it('compares IPv6 addresses literally', () => {
    expect(matchesEntry('::1', '::1')).toBe(true);
    expect(matchesEntry('::1', '::2')).toBe(false);
  });
});
