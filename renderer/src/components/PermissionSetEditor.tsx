import type { EditTarget, EntryValue } from '../../../shared/model/edits';
import type { DesignEntry, RuntimeEntry, VisibilityPrincipal } from '../../../shared/model/types';
import { formatPrincipal, formatVisibilityPrincipal } from '../lib/entries';
import { useAppStore } from '../stores/app-store';
import type { Family } from './add-entry';
import { AddEntryForm } from './AddEntryForm';
import { EditGuard } from './EditGuard';
import { entryLabel, EntryRow } from './EntryRow';

export type { Family } from './add-entry';

export type LooseSet = {
  runtime?: RuntimeEntry[];
  designtime?: DesignEntry[];
  visibility?: VisibilityPrincipal[];
};

/**
 * One permission set (a level of domain reference §2) with remove buttons on every entry and a form
 * to add one. Every change is one `model:edit`.
 */
function PermissionSetEditorBody({
  title,
  set,
  target,
  families,
  characteristics,
}: {
  title: string;
  set: LooseSet;
  target: EditTarget;
  families: Family[];
  characteristics: string[];
}) {
  const applyEdit = useAppStore(s => s.applyEdit);
  const remove = (entry: EntryValue) =>
    void applyEdit({ type: 'remove-entry', target, entry }, `Removed: ${entryLabel(entry)}.`);
  const runtime = families.includes('runtime') ? (set.runtime ?? []) : [];
  const designtime = families.includes('designtime') ? (set.designtime ?? []) : [];
  const visibility = families.includes('visibility') ? (set.visibility ?? []) : [];
  const empty = runtime.length + designtime.length + visibility.length === 0;

  return (
    <section className="perm-set" aria-label={title}>
      <h4>{title}</h4>
      {empty && <p className="muted small">No entries.</p>}
      {!empty && (
        <ul className="entry-list">
          {runtime.map((e, i) => {
            const v: EntryValue = {
              family: 'runtime',
              kind: e.kind,
              resource: e.resource,
              principal: e.principal,
              allow: e.allow,
            };
            return (
              <EntryRow key={`r${i}`} value={v} onRemove={remove}>
                <span className={e.allow ? 'eff allow' : 'eff deny'}>
                  {e.allow ? 'Allow' : 'Deny'}
                </span>
                <span className="e-kind">{e.kind}</span>
                <span className="e-on">on</span>
                <span className="mono e-res">{e.resource}</span>
                <span className="e-on">for</span>
                <span className="mono e-pr">{formatPrincipal(e.principal)}</span>
              </EntryRow>
            );
          })}
          {designtime.map((e, i) => {
            const v: EntryValue = {
              family: 'designtime',
              kind: e.kind,
              principal: e.principal,
              allow: e.allow,
            };
            return (
              <EntryRow key={`d${i}`} value={v} onRemove={remove}>
                <span className={e.allow ? 'eff allow' : 'eff deny'}>
                  {e.allow ? 'Allow' : 'Deny'}
                </span>
                <span className="e-kind">{e.kind}</span>
                <span className="tag">design time</span>
                <span className="e-on">for</span>
                <span className="mono e-pr">{formatPrincipal(e.principal)}</span>
              </EntryRow>
            );
          })}
          {visibility.map((p, i) => {
            const v: EntryValue = { family: 'visibility', principal: p };
            return (
              <EntryRow key={`v${i}`} value={v} onRemove={remove}>
                <span className="eff vis">Visible</span>
                <span className="e-on">to</span>
                <span className="mono e-pr">{formatVisibilityPrincipal(p)}</span>
              </EntryRow>
            );
          })}
        </ul>
      )}
      <AddEntryForm
        title={title}
        target={target}
        families={families}
        characteristics={characteristics}
      />
    </section>
  );
}

/** The editor, disabled in a read-only model file (EditGuard). */
export function PermissionSetEditor(props: Parameters<typeof PermissionSetEditorBody>[0]) {
  return (
    <EditGuard>
      <PermissionSetEditorBody {...props} />
    </EditGuard>
  );
}
