import type { ElementKind } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import { strings, type Rec } from './inspector-data';

export function UserFlags({ name, d }: { name: string; d: Rec }) {
  const applyEdit = useAppStore(s => s.applyEdit);
  return (
    <div className="flags">
      <label className="check">
        <input
          type="checkbox"
          checked={d.enabled !== false}
          onChange={e =>
            void applyEdit({ type: 'set-user-flags', name, enabled: e.target.checked })
          }
        />{' '}
        Enabled
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={d.locked === true}
          onChange={e => void applyEdit({ type: 'set-user-flags', name, locked: e.target.checked })}
        />{' '}
        Locked
      </label>
    </div>
  );
}

export function Characteristics({ d }: { d: Rec }) {
  const rows: [string, string[]][] = [
    ['Properties', strings(d.properties)],
    ['Services', strings(d.services)],
    ['Events', strings(d.events)],
  ];
  if (rows.every(([, v]) => v.length === 0)) return null;
  return (
    <dl className="props">
      {rows.map(([k, v]) =>
        v.length === 0 ? null : (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd className="mono">{v.join(', ')}</dd>
          </div>
        ),
      )}
    </dl>
  );
}

export function KeyValues({
  d,
  select,
}: {
  d: Rec;
  select: (s: { kind: ElementKind; name: string }) => Promise<void>;
}) {
  return (
    <dl className="props">
      {Object.entries(d)
        .filter(([, v]) => typeof v !== 'object' || Array.isArray(v))
        .map(([k, v]) => (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd className="mono">
              {k === 'user' && typeof v === 'string' ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => void select({ kind: 'user', name: v })}
                >
                  {v}
                </button>
              ) : Array.isArray(v) ? (
                v.length ? (
                  v.join(', ')
                ) : (
                  '—'
                )
              ) : (
                String(v)
              )}
            </dd>
          </div>
        ))}
    </dl>
  );
}
