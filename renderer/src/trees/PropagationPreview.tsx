/**
 * What a previewed propagation (§7.6) would change: how many nodes, the service's messages, and
 * who gains or loses what, the first principals and nodes of each.
 */
import type { PermissionChange } from '../../../shared/apps/tree-data';
import type { useTreeStore } from './tree-store';

const SHOWN_PRINCIPALS = 30;
const SHOWN_NODES = 12;

function nodeList(names: string[], changes: Map<string, PermissionChange>): string {
  const shown = names.slice(0, SHOWN_NODES).map(n => {
    const c = changes.get(n);
    return c ? `${n} (${c.before} → ${c.after})` : n;
  });
  return names.length > SHOWN_NODES
    ? `${shown.join(', ')} and ${names.length - SHOWN_NODES} more`
    : shown.join(', ');
}

export function PreviewResult({
  preview,
}: {
  preview: NonNullable<ReturnType<typeof useTreeStore.getState>['preview']>['value'];
}) {
  const byKey = new Map<string, Map<string, PermissionChange>>();
  for (const c of preview.changes) {
    const k = `${c.principal.type}:${c.principal.name}`;
    const m = byKey.get(k) ?? new Map<string, PermissionChange>();
    m.set(c.thing, c);
    byKey.set(k, m);
  }
  return (
    <div className="preview" aria-label="Preview" role="region">
      <p>
        <strong>
          {preview.changedNodes.length} node{preview.changedNodes.length === 1 ? '' : 's'} change
        </strong>{' '}
        <span className="muted">
          ({preview.written.length} rewritten; nothing is saved until Apply
          {preview.truncated ? '; the list is cut at 10,000 changes' : ''})
        </span>
      </p>
      {preview.messages.length > 0 && (
        <ul className="preview-messages">
          {preview.messages.map(m => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {preview.byPrincipal.length === 0 && (
        <p className="muted">No user or group changes: the stored values already match.</p>
      )}
      <ul className="preview-list">
        {preview.byPrincipal.slice(0, SHOWN_PRINCIPALS).map(s => {
          const k = `${s.principal.type}:${s.principal.name}`;
          const changes = byKey.get(k) ?? new Map<string, PermissionChange>();
          return (
            <li key={k}>
              <strong>
                {s.principal.type} {s.principal.name}
              </strong>
              {s.gains.length > 0 && (
                <div>
                  <span className="gain">gains</span> {nodeList(s.gains, changes)}
                </div>
              )}
              {s.loses.length > 0 && (
                <div>
                  <span className="lose">loses</span> {nodeList(s.loses, changes)}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {preview.byPrincipal.length > SHOWN_PRINCIPALS && (
        <p className="muted small">
          and {preview.byPrincipal.length - SHOWN_PRINCIPALS} more principals
        </p>
      )}
    </div>
  );
}
