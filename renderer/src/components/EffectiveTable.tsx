import { useShallow } from 'zustand/react/shallow';
import type { EffectiveRow } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';

/** The effective permission table of a user on a Thing (characteristics x kinds, §9.6), like ThingWorx's own "permissions for user" check. */
export function EffectiveTable() {
  const { selected, partner, setPartner, rows, error, items } = useAppStore(
    useShallow((s) => ({
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
  const options = items.filter((i) => i.kind === (forThing ? 'user' : 'thing'));
  const kinds: string[] = [];
  const chars: { name: string; kind: string }[] = [];
  const cells = new Map<string, EffectiveRow>();
  for (const r of rows ?? []) {
    if (!kinds.includes(r.kind)) kinds.push(r.kind);
    if (!chars.some((c) => c.name === r.characteristic && c.kind === r.characteristicKind)) chars.push({ name: r.characteristic, kind: r.characteristicKind });
    cells.set(`${r.characteristicKind}|${r.characteristic}|${r.kind}`, r);
  }
  return (
    <section className="effective" aria-label="Effective permissions">
      <h4>Effective permissions</h4>
      <label className="field inline">
        <span>{forThing ? 'for user' : 'on Thing'}</span>
        <select aria-label={forThing ? 'Effective permissions for user' : 'Effective permissions on Thing'} value={partner} onChange={(e) => void setPartner(e.target.value)}>
          {options.map((o) => (
            <option key={o.name} value={o.name}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      {rows && rows.length === 0 && <p className="muted small">No characteristics.</p>}
      {rows && rows.length > 0 && (
        <table className="grid eff-table">
          <thead>
            <tr>
              <th>Characteristic</th>
              {kinds.map((k) => (
                <th key={k} title={k}>
                  {k.replace('Property', 'Prop').replace('Service', 'Svc').replace('Event', 'Evt')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chars.map((c) => (
              <tr key={`${c.kind}|${c.name}`}>
                <td className="mono">
                  {c.name} <span className="muted small">{c.kind === '*' ? '' : c.kind}</span>
                </td>
                {kinds.map((k) => {
                  const cell = cells.get(`${c.kind}|${c.name}|${k}`);
                  if (!cell) return <td key={k} className="na">·</td>;
                  return (
                    <td key={k} className={cell.allowed ? 'yes' : 'no'} title={`${cell.status}: ${cell.decidedBy}`} aria-label={`${k} on ${c.name}: ${cell.allowed ? 'allowed' : 'denied'} (${cell.status}), ${cell.decidedBy}`}>
                      {cell.allowed ? '✓' : '✗'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
