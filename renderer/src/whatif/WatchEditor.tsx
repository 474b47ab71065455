/** The watch list: users and calls the diff always includes, whatever the changes touch. */
import { useState } from 'react';

const splitList = (text: string, sep: RegExp): string[] => [
  ...new Set(
    text
      .split(sep)
      .map(s => s.trim())
      .filter(s => s !== ''),
  ),
];

export function WatchEditor({
  users,
  calls,
  onChange,
}: {
  users: string[];
  calls: string[];
  onChange(users: string[], calls: string[]): void;
}) {
  const [u, setU] = useState(users.join(', '));
  const [c, setC] = useState(calls.join('\n'));
  // The client address watched keys call from (docs/whatif.md): empty = every address their allowlists distinguish.
  const [ip, setIp] = useState(
    () => /^appKey:.+@([^@]+)$/.exec(users.find(x => /^appKey:.+@/.test(x)) ?? '')?.[1] ?? '',
  );
  const commit = () => {
    const at = ip.trim();
    const nu = splitList(u, /[,\s]+/).map(x =>
      at !== '' && x.startsWith('appKey:') ? `${x.replace(/@[^@]*$/, '')}@${at}` : x,
    );
    const nc = splitList(c, /\n/);
    if (nu.join(',') !== users.join(',') || nc.join('\n') !== calls.join('\n')) onChange(nu, nc);
  };
  return (
    <details className="watch" open={users.length > 0 || calls.length > 0}>
      <summary>
        Watch {users.length > 0 ? `${users.length} user(s)` : 'every user and key'} ×{' '}
        {calls.length > 0 ? `${calls.length} call(s)` : 'every call of the affected entities'}
      </summary>
      <div className="row wrap">
        <label className="field">
          <span>Users (appKey:name for a key)</span>
          <input
            type="text"
            aria-label="Watched users"
            placeholder="alice, bob"
            value={u}
            onChange={e => setU(e.target.value)}
            onKeyDown={e => e.key === 'Enter' && commit()}
          />
        </label>
        <label className="field">
          <span>Keys call from</span>
          <input
            type="text"
            aria-label="Watched keys' client address"
            placeholder="every address"
            title="The client address the watched application keys call from; empty: from inside each allowlist entry and from outside"
            size={14}
            value={ip}
            onChange={e => setIp(e.target.value)}
            onKeyDown={e => e.key === 'Enter' && commit()}
          />
        </label>
        <label className="field grow">
          <span>Calls, one per line</span>
          <textarea
            aria-label="Watched calls"
            className="mono"
            rows={2}
            placeholder="POST /Thingworx/Things/SensorDataStream/Services/GetDataStream"
            value={c}
            onChange={e => setC(e.target.value)}
          />
        </label>
        <button type="button" className="small-btn" onClick={commit}>
          Update watch
        </button>
      </div>
    </details>
  );
}
