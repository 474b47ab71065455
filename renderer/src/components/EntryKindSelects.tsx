/** The family, effect and kind of a new permission entry: short fixed lists, native selects. */
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import type { Family } from './add-entry';

export function EntryKindSelects(p: {
  families: Family[];
  family: Family;
  onFamily: (f: Family) => void;
  allow: boolean;
  onAllow: (allow: boolean) => void;
  kind: string;
  onKind: (kind: string) => void;
}) {
  const kinds: readonly string[] =
    p.family === 'runtime' ? RUNTIME_KINDS : p.family === 'designtime' ? DESIGN_KINDS : [];
  return (
    <>
      {p.families.length > 1 && (
        <select
          aria-label="Family"
          value={p.family}
          onChange={e => {
            const f = p.families.find(x => x === e.target.value);
            if (f) p.onFamily(f);
          }}
        >
          {p.families.map(f => (
            <option key={f} value={f}>
              {f === 'runtime' ? 'Run time' : f === 'designtime' ? 'Design time' : 'Visibility'}
            </option>
          ))}
        </select>
      )}
      {p.family !== 'visibility' && (
        <>
          <select
            aria-label="Effect"
            value={p.allow ? 'allow' : 'deny'}
            onChange={e => p.onAllow(e.target.value === 'allow')}
          >
            <option value="allow">Allow</option>
            <option value="deny">Deny</option>
          </select>
          <select aria-label="Kind" value={p.kind} onChange={e => p.onKind(e.target.value)}>
            {kinds.map(k => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </>
      )}
    </>
  );
}
