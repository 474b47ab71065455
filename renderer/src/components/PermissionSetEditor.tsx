import { useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EditTarget, EntryValue } from '../../../shared/model/edits';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import type {
  DesignEntry,
  DesignKind,
  RuntimeEntry,
  RuntimeKind,
  VisibilityPrincipal,
} from '../../../shared/model/types';
import {
  formatPrincipal,
  formatVisibilityPrincipal,
  parsePrincipal,
  parseVisibilityPrincipal,
} from '../lib/entries';
import { useAppStore } from '../stores/app-store';
import { EditGuard } from './EditGuard';

export type Family = 'runtime' | 'designtime' | 'visibility';

export type LooseSet = {
  runtime?: RuntimeEntry[];
  designtime?: DesignEntry[];
  visibility?: VisibilityPrincipal[];
};

function entryLabel(e: EntryValue): string {
  if (e.family === 'runtime')
    return `${e.allow ? 'Allow' : 'Deny'} ${e.kind} on ${e.resource} for ${formatPrincipal(e.principal)}`;
  if (e.family === 'designtime')
    return `${e.allow ? 'Allow' : 'Deny'} ${e.kind} for ${formatPrincipal(e.principal)}`;
  return `visibility for ${formatVisibilityPrincipal(e.principal)}`;
}

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

function EntryRow({
  value,
  onRemove,
  children,
}: {
  value: EntryValue;
  onRemove: (v: EntryValue) => void;
  children: ReactNode;
}) {
  const deny = value.family !== 'visibility' && !value.allow;
  return (
    <li className={deny ? 'entry-row deny' : 'entry-row'}>
      <span className="entry-text">{children}</span>
      <button
        type="button"
        className="icon"
        aria-label={`Remove ${entryLabel(value)}`}
        title="Remove this entry"
        onClick={() => onRemove(value)}
      >
        ×
      </button>
    </li>
  );
}

function AddEntryForm({
  title,
  target,
  families,
  characteristics,
}: {
  title: string;
  target: EditTarget;
  families: Family[];
  characteristics: string[];
}) {
  const { applyEdit, items } = useAppStore(
    useShallow(s => ({ applyEdit: s.applyEdit, items: s.allItems })),
  );
  const [open, setOpen] = useState(false);
  const [family, setFamily] = useState<Family>(families[0] ?? 'runtime');
  const [kind, setKind] = useState<string>(RUNTIME_KINDS[0]);
  const [resource, setResource] = useState('*');
  const [allow, setAllow] = useState(true);
  const [principal, setPrincipal] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = `principals-${title.replace(/\W+/g, '-')}`;
  const resId = `resources-${title.replace(/\W+/g, '-')}`;

  if (!open) {
    return (
      <button
        type="button"
        className="small-btn"
        onClick={() => setOpen(true)}
        aria-label={`Add entry to ${title}`}
      >
        + Add entry
      </button>
    );
  }

  const kinds: readonly string[] =
    family === 'runtime' ? RUNTIME_KINDS : family === 'designtime' ? DESIGN_KINDS : [];
  const principalOptions =
    family === 'visibility'
      ? items.filter(i => i.kind === 'organization').map(i => `org:${i.name}`)
      : items.filter(i => i.kind === 'user' || i.kind === 'group').map(i => `${i.kind}:${i.name}`);

  const submit = async () => {
    let entry: EntryValue;
    if (family === 'visibility') {
      const p = parseVisibilityPrincipal(principal);
      if (!p.ok) return setError(p.message);
      entry = { family, principal: p.value };
    } else {
      const p = parsePrincipal(principal);
      if (!p.ok) return setError(p.message);
      if (!kinds.includes(kind))
        return setError(`Pick a ${family === 'runtime' ? 'run-time' : 'design-time'} kind.`);
      if (family === 'runtime') {
        if (resource.trim() === '')
          return setError(
            'The resource is * (all characteristics) or one property, service or event name.',
          );
        entry = {
          family,
          kind: kind as RuntimeKind,
          resource: resource.trim(),
          principal: p.value,
          allow,
        };
      } else {
        entry = { family, kind: kind as DesignKind, principal: p.value, allow };
      }
    }
    setError(null);
    const ok = await applyEdit(
      { type: 'add-entry', target, entry },
      `Added: ${entryLabel(entry)}.`,
    );
    if (ok) {
      setOpen(false);
      setPrincipal('');
    }
  };

  return (
    <form
      className="add-entry"
      aria-label={`New entry in ${title}`}
      onSubmit={e => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="row wrap">
        {families.length > 1 && (
          <select
            aria-label="Family"
            value={family}
            onChange={e => {
              const f = e.target.value as Family;
              setFamily(f);
              setKind(f === 'runtime' ? RUNTIME_KINDS[0] : DESIGN_KINDS[0]);
            }}
          >
            {families.map(f => (
              <option key={f} value={f}>
                {f === 'runtime' ? 'Run time' : f === 'designtime' ? 'Design time' : 'Visibility'}
              </option>
            ))}
          </select>
        )}
        {family !== 'visibility' && (
          <>
            <select
              aria-label="Effect"
              value={allow ? 'allow' : 'deny'}
              onChange={e => setAllow(e.target.value === 'allow')}
            >
              <option value="allow">Allow</option>
              <option value="deny">Deny</option>
            </select>
            <select aria-label="Kind" value={kind} onChange={e => setKind(e.target.value)}>
              {kinds.map(k => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </>
        )}
        {family === 'runtime' && (
          <>
            <input
              aria-label="Resource"
              className="mono narrow"
              list={resId}
              value={resource}
              onChange={e => setResource(e.target.value)}
            />
            <datalist id={resId}>
              <option value="*" />
              {characteristics.map(c => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </>
        )}
        <input
          aria-label="Principal"
          className="mono"
          list={listId}
          placeholder={
            family === 'visibility'
              ? 'org:Plant or unit:Plant:LineA'
              : 'user:alice or group:Operators'
          }
          value={principal}
          onChange={e => setPrincipal(e.target.value)}
        />
        <datalist id={listId}>
          {principalOptions.map(p => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <button type="submit" className="primary small-btn">
          Add
        </button>
        <button type="button" className="small-btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
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
