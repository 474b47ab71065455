import type { ElementKind } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import type { Characteristics as CharacteristicLists, User } from '../../../shared/model/types';

export function UserFlags({ name, user }: { name: string; user: User }) {
  const applyEdit = useAppStore(s => s.applyEdit);
  return (
    <div className="flags">
      <label className="check">
        <input
          type="checkbox"
          checked={user.enabled !== false}
          onChange={e =>
            void applyEdit({ type: 'set-user-flags', name, enabled: e.target.checked })
          }
        />{' '}
        Enabled
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={user.locked === true}
          onChange={e => void applyEdit({ type: 'set-user-flags', name, locked: e.target.checked })}
        />{' '}
        Locked
      </label>
    </div>
  );
}

export function Characteristics({ d }: { d: CharacteristicLists }) {
  const rows: [string, string[]][] = [
    ['Properties', d.properties],
    ['Services', d.services],
    ['Events', d.events],
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
  d: object;
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
