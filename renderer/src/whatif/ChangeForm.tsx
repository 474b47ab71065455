/**
 * The small form that adds one change to the scenario: a permission entry (add or remove, at a
 * Thing, template-instance, shape-instance or collection level, §2, §9.6), a group membership
 * (§2.11) or an organization-unit membership (§4.4).
 */
import { useState } from 'react';
import { changeFromForm, EMPTY_CHANGE_FORM } from './change-form';
import { EntryFields, MemberFields } from './ChangeFormFields';
import type { SetField } from './ChangeFormFields';
import type { ChangeFormValues } from './change-form';
import { useWhatIfStore } from './whatif-store';

const LEVELS: [ChangeFormValues['level'], string, string][] = [
  ['entity', 'Thing (own)', 'SensorDataStream or Resources/EntityServices'],
  ['instance', 'Template instances', 'SensorTemplate'],
  ['shape', 'Shape instances', 'SensorShape'],
  ['collection', 'Collection', 'Things'],
];

export function ChangeForm({ onDone }: { onDone(): void }) {
  const addChange = useWhatIfStore(s => s.addChange);
  const [v, setV] = useState<ChangeFormValues>(EMPTY_CHANGE_FORM);
  const [error, setError] = useState<string | null>(null);
  const set: SetField = (k, value) => {
    setError(null);
    setV(old => {
      const next = { ...old, [k]: value };
      // Keep the kind valid for the family so the select never shows a value it does not list.
      if (k === 'family') next.kind = value === 'designtime' ? 'Read' : 'ServiceInvoke';
      return next;
    });
  };
  const placeholder = LEVELS.find(l => l[0] === v.level)?.[2] ?? '';
  return (
    <form
      className="change-form"
      aria-label="New change"
      onSubmit={e => {
        e.preventDefault();
        const r = changeFromForm(v);
        if (!r.ok) {
          setError(r.message);
          return;
        }
        addChange(r.change);
        onDone();
      }}
    >
      <div className="row wrap">
        <label className="field">
          <span>Change</span>
          <select
            aria-label="Change type"
            value={v.what}
            onChange={e => set('what', e.target.value as ChangeFormValues['what'])}
          >
            <option value="entry">Permission entry</option>
            <option value="membership">Group membership</option>
            <option value="unit-member">Unit membership</option>
          </select>
        </label>
        <label className="field">
          <span>Operation</span>
          <select
            aria-label="Operation"
            value={v.op}
            onChange={e => set('op', e.target.value as ChangeFormValues['op'])}
          >
            <option value="add">Add</option>
            <option value="remove">Remove</option>
          </select>
        </label>
        {v.what === 'entry' && (
          <>
            <label className="field">
              <span>Level</span>
              <select
                aria-label="Level"
                value={v.level}
                onChange={e => set('level', e.target.value as ChangeFormValues['level'])}
              >
                {LEVELS.map(([l, label]) => (
                  <option key={l} value={l}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>Target</span>
              <input
                type="text"
                aria-label="Target"
                placeholder={placeholder}
                value={v.target}
                onChange={e => set('target', e.target.value)}
              />
            </label>
          </>
        )}
      </div>
      {v.what === 'entry' ? <EntryFields v={v} set={set} /> : <MemberFields v={v} set={set} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary small-btn">
          Add change
        </button>
        <button type="button" className="small-btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
