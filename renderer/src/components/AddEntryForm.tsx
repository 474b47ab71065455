/**
 * The form that adds one entry to a permission set in the inspector: family, effect, kind,
 * resource and principal (type-to-search among the model's users and groups, or organizations
 * for visibility). One `model:edit`.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EditTarget } from '../../../shared/model/edits';
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import { useAppStore } from '../stores/app-store';
import { entryFromForm, type Family } from './add-entry';
import { Combobox } from './Combobox';
import { nameOptions } from './combobox-filter';
import { entryLabel } from './EntryRow';
import { EntryKindSelects } from './EntryKindSelects';

export function AddEntryForm({
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
  const resources = useMemo(() => nameOptions(['*', ...characteristics]), [characteristics]);
  const principalOptions = useMemo(
    () =>
      nameOptions(
        family === 'visibility'
          ? items.filter(i => i.kind === 'organization').map(i => `org:${i.name}`)
          : items
              .filter(i => i.kind === 'user' || i.kind === 'group')
              .map(i => `${i.kind}:${i.name}`),
      ),
    [items, family],
  );

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

  const submit = async () => {
    const built = entryFromForm({ family, kind, resource, allow, principal });
    if (!built.ok) return setError(built.message);
    const entry = built.entry;
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
        <EntryKindSelects
          families={families}
          family={family}
          onFamily={f => {
            setFamily(f);
            setKind(f === 'runtime' ? RUNTIME_KINDS[0] : DESIGN_KINDS[0]);
          }}
          allow={allow}
          onAllow={setAllow}
          kind={kind}
          onKind={setKind}
        />
        {family === 'runtime' && (
          <>
            <Combobox
              label="Resource"
              className="inline narrow"
              mono
              freeText
              value={resource}
              options={resources}
              onChange={setResource}
            />
          </>
        )}
        <Combobox
          label="Principal"
          className="inline"
          mono
          freeText
          placeholder={
            family === 'visibility'
              ? 'org:Plant or unit:Plant:LineA'
              : 'user:alice or group:Operators'
          }
          value={principal}
          options={principalOptions}
          onChange={setPrincipal}
        />
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
