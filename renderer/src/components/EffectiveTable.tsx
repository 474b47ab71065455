import { useShallow } from 'zustand/react/shallow';
import type { EffectiveRow } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';

/** Column heads that fit the inspector; the full ThingWorx name is the title and abbr. */
const SHORT_KIND: Record<string, string> = {
  PropertyRead: 'P.Read',
  PropertyWrite: 'P.Write',
  ServiceInvoke: 'S.Invoke',
  EventInvoke: 'E.Invoke',
  EventSubscribe: 'E.Subscribe',
  Create: 'Create',
  Read: 'Read',
  Update: 'Update',
  Delete: 'Delete',
};

/** The effective permission table of a user on a Thing (characteristics x kinds, §9.6), like ThingWorx's own "permissions for user" check. */
export function EffectiveTable() {
  const { selected, partner, setPartner, rows, error, items } = useAppStore(
    useShallow(s => ({
      selected: s.selected,
      partner: s.effectivePartner,
      setPartner: s.setEffectivePartner,
      rows: s.effective,
      error: s.effectiveError,
      items: s.allItems,
    })),
  );
  if (!selected || (selected.kind !== 'thing' && selected.kind !== 'user')) return null;
  const forThing = selected.kind === 'thing';
  const options = items.filter(i => i.kind === (forThing ? 'user' : 'thing'));
  const groups: { name: string; kind: string; rows: EffectiveRow[] }[] = [];
  for (const r of rows ?? []) {
    const g = groups.find(x => x.name === r.characteristic && x.kind === r.characteristicKind);
    if (g) g.rows.push(r);
    else groups.push({ name: r.characteristic, kind: r.characteristicKind, rows: [r] });
  }
  return (
    <section className="effective" aria-label="Effective permissions">
      <h4>Effective permissions</h4>
      <label className="field inline">
        <span>{forThing ? 'for user' : 'on Thing'}</span>
        <select
          aria-label={
            forThing ? 'Effective permissions for user' : 'Effective permissions on Thing'
          }
          value={partner}
          onChange={e => void setPartner(e.target.value)}
        >
          {options.map(o => (
            <option key={o.name} value={o.name}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted small">No characteristics.</p>}
      {rows && rows.length > 0 && (
        <ul className="eff-list" aria-label="Effective permissions by characteristic">
          {groups.map(g => (
            <li key={`${g.kind}|${g.name}`} className="eff-row">
              <span className="eff-name mono" title={g.name}>
                {g.name === '*' ? '* (entity)' : g.name}
              </span>
              <span className="eff-cells">
                {g.rows.map(cell => (
                  <span
                    key={cell.kind}
                    className={cell.allowed ? 'eff-cell yes' : 'eff-cell no'}
                    title={`${cell.kind}: ${cell.status} — ${cell.decidedBy}`}
                    aria-label={`${cell.kind} on ${g.name}: ${cell.allowed ? 'allowed' : 'denied'} (${cell.status}), ${cell.decidedBy}`}
                  >
                    {SHORT_KIND[cell.kind] ?? cell.kind} {cell.allowed ? '✓' : '✗'}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
