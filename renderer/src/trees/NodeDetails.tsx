/**
 * The selected node in full: value, read/write/sees, the §7.18 rule, every principal whose entries
 * decided (with membership path and the grant that wrote them) and those overruled (§7.8).
 */
import type { DecidingPrincipal, TreeRow, TreeView } from '../../../shared/apps/tree-data';
import { PermissionBadge } from './PermissionBadge';

function originText(d: DecidingPrincipal): string {
  const o = d.origin;
  if (!o) return 'not written by a recorded grant (edited directly)';
  if (o.kind === 'propagation')
    return `${o.service} #${o.index + 1}: ${o.permissionType} propagated from ${o.from || `the whole context ${o.context}`}`;
  return `${o.service} #${o.index + 1}: ${o.permissionType} granted on this node`;
}

function PrincipalLine({ d, thing }: { d: DecidingPrincipal; thing: string }) {
  return (
    <li>
      <strong>
        {d.principal.type} {d.principal.name}
      </strong>{' '}
      stores <span className="mono">{d.stored}</span>
      {d.via.length > 1 && <span className="muted"> · member path {d.via.join(' → ')}</span>}
      <div className="small muted">{originText(d)}</div>
      {d.entries.length > 0 && (
        <div className="written small" aria-label={`Platform entries of ${d.principal.name}`}>
          <span className="muted">
            {d.origin ? 'wrote' : 'entries'} on {thing}:
          </span>{' '}
          {d.entries.map((e, i) => (
            <span key={i} className={`written-entry ${e.allow ? 'allow' : 'deny'}`}>
              {e.kind} {e.allow ? 'Allow' : 'Deny'}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

export function NodeDetails({ row, view }: { row: TreeRow | null; view: TreeView }) {
  if (!row) {
    return (
      <section className="tree-card" aria-label="Node details">
        <h3>Node details</h3>
        <p className="muted">Select a node to see where its permission comes from.</p>
      </section>
    );
  }
  const p = row.provenance;
  return (
    <section className="tree-card" aria-label="Node details">
      <h3>
        {row.name} <span className="muted small">{row.type}</span>{' '}
        <PermissionBadge permission={row.permission} noGrant={p.source === 'none'} />
      </h3>
      <p className="small">
        read={String(row.read)}, write={String(row.write)} · on the context {view.context}:{' '}
        <strong>{view.onContext}</strong> ·{' '}
        {row.sees
          ? row.write
            ? 'sees and edits it'
            : 'sees it, cannot edit'
          : 'does not see it in the Apps'}{' '}
        (§7.3)
      </p>
      <p className="small">
        <span className="muted">Rule:</span> {p.rule}
      </p>
      {p.source === 'admin' && <p className="small">{p.text}</p>}
      {p.deciding.length > 0 && (
        <>
          <h4>Decided by</h4>
          <ul className="prov-list">
            {p.deciding.map(d => (
              <PrincipalLine
                key={`${d.principal.type}:${d.principal.name}`}
                d={d}
                thing={row.name}
              />
            ))}
          </ul>
        </>
      )}
      {p.overruled.length > 0 && (
        <>
          <h4>Overruled (§7.8)</h4>
          <ul className="prov-list">
            {p.overruled.map(d => (
              <PrincipalLine
                key={`${d.principal.type}:${d.principal.name}`}
                d={d}
                thing={row.name}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
