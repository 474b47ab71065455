/**
 * Application key IP allowlist matching (domain reference §3.9): blank list = any IP; entries are
 * exact addresses or IPv4 CIDR blocks (`10.1.0.0/16`). IPv6 and other forms match only literally.
 *
 * @example
 * ipAllowed('10.1.2.3', ['10.1.0.0/16']); // { allowed: true, matched: '10.1.0.0/16' }
 * ipAllowed('10.9.9.9', ['10.1.2.3']);    // { allowed: false }
 */
export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

/** True when `entry` is an IPv4 address or CIDR block, or at least a non-empty literal. */
export function matchesEntry(ip: string, entry: string): boolean {
  const e = entry.trim();
  const slash = e.indexOf('/');
  if (slash < 0) {
    const a = parseIPv4(e);
    const b = parseIPv4(ip);
    return a !== undefined && b !== undefined ? a === b : e === ip.trim();
  }
  const base = parseIPv4(e.slice(0, slash));
  const bitsText = e.slice(slash + 1);
  const bits = /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN;
  const addr = parseIPv4(ip);
  if (base === undefined || addr === undefined || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  // Plain arithmetic instead of 32-bit bitwise ops, which would turn high addresses negative.
  const size = 2 ** (32 - bits);
  return Math.floor(base / size) === Math.floor(addr / size);
}

export function ipAllowed(ip: string, allowlist: string[]): { allowed: boolean; matched?: string } {
  if (allowlist.length === 0) return { allowed: true };
  const matched = allowlist.find(entry => matchesEntry(ip, entry));
  return matched === undefined ? { allowed: false } : { allowed: true, matched };
}
