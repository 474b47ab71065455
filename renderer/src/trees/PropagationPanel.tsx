/**
 * The propagation form (§7.6): service (to a group or a user), principal, permission, start entity;
 * "Preview" runs the real service on a copy in main and lists who gains or loses what, and the tree
 * highlights the nodes that change; "Apply" saves exactly the previewed call as an undoable edit.
 */
import { useShallow } from 'zustand/react/shallow';
import type { PermissionChange } from '../../../shared/apps/tree-data';
import type { AppsPermission } from '../../../shared/apps/names';
import { useAppStore } from '../stores/app-store';
import { callKey, propagationCall } from './propagation-call';
import { useTreeStore } from './tree-store';
import { useReadOnly } from '../components/EditGuard';

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

export function PropagationPanel({ equipment }: { equipment: string[] }) {
  const readOnly = useReadOnly();
  const { context, form, preview, formError, setForm, runPreview, apply } = useTreeStore(
    useShallow(s => ({
      context: s.context,
      form: s.form,
      preview: s.preview,
      formError: s.formError,
      setForm: s.setForm,
      runPreview: s.runPreview,
      apply: s.apply,
    })),
  );
  const items = useAppStore(s => s.allItems);
  const choices = items.filter(i => i.kind === form.target).map(i => i.name);
  const current =
    preview && preview.key === callKey(propagationCall(context, form)) ? preview.value : null;

  return (
    <section className="tree-card" aria-label="Propagate permissions">
      <h3>
        Propagate permissions <span className="muted small">§7.6, §7.17</span>
      </h3>
      <form
        className="prop-form"
        onSubmit={e => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <label className="field">
          <span>Service</span>
          <select
            aria-label="Service"
            value={form.target}
            onChange={e =>
              setForm({ target: e.target.value === 'user' ? 'user' : 'group', principal: '' })
            }
          >
            <option value="group">PropagateUserGroupPermissionsOnEntities (a group)</option>
            <option value="user">PropagateUserPermissionsOnEntities (a user)</option>
          </select>
        </label>
        <div className="row wrap">
          <label className="field">
            <span>{form.target === 'group' ? 'Group' : 'User'}</span>
            <select
              aria-label={form.target === 'group' ? 'Group' : 'User'}
              value={form.principal}
              onChange={e => setForm({ principal: e.target.value })}
            >
              <option value="">Choose…</option>
              {choices.map(n => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Permission</span>
            <select
              aria-label="Permission"
              value={form.permission}
              onChange={e => setForm({ permission: e.target.value as AppsPermission })}
            >
              <option value="Read">Read</option>
              <option value="Write">Write</option>
              <option value="None">None</option>
            </select>
          </label>
          <label className="field grow">
            <span>From entity (empty = whole context)</span>
            <input
              type="text"
              aria-label="From entity"
              list="eq-names"
              value={form.entityName}
              placeholder={`all equipment of ${context}`}
              onChange={e => setForm({ entityName: e.target.value })}
            />
            <datalist id="eq-names">
              {equipment.map(n => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </label>
        </div>
        <div className="row">
          <button type="submit">Preview</button>
          <button
            type="button"
            className="primary"
            disabled={!current || readOnly}
            onClick={() => void apply()}
            title={
              current ? 'Save this propagation (undo restores the previous state)' : 'Preview first'
            }
          >
            Apply
          </button>
          <span className="muted small">Runs as Administrator in context {context}.</span>
        </div>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
      </form>
      {current && <PreviewResult preview={current} />}
    </section>
  );
}

function PreviewResult({
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
