/**
 * The propagation form (§7.6): service (to a group or a user), principal, permission, start entity;
 * "Preview" runs the real service on a copy in main and lists who gains or loses what, and the tree
 * highlights the nodes that change; "Apply" saves exactly the previewed call as an undoable edit.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Combobox } from '../components/Combobox';
import { nameOptions } from '../components/combobox-filter';
import type { AppsPermission } from '../../../shared/apps/names';
import { useAppStore } from '../stores/app-store';
import { callKey, propagationCall } from './propagation-call';
import { PreviewResult } from './PropagationPreview';
import { useTreeStore } from './tree-store';
import { useReadOnly } from '../components/EditGuard';

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
  const choices = useMemo(
    () => nameOptions(items.filter(i => i.kind === form.target).map(i => i.name)),
    [items, form.target],
  );
  const equipmentOptions = useMemo(() => nameOptions(equipment), [equipment]);
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
            <Combobox
              label={form.target === 'group' ? 'Group' : 'User'}
              className="inline"
              placeholder="Choose…"
              value={form.principal}
              options={choices}
              onChange={v => setForm({ principal: v })}
            />
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
            <Combobox
              label="From entity"
              freeText
              value={form.entityName}
              options={equipmentOptions}
              placeholder={`all equipment of ${context}`}
              onChange={v => setForm({ entityName: v })}
            />
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
