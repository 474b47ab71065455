/**
 * The second row of the change form: the entry's family, effect, kind, resource and principal, or
 * the member and its group or unit.
 */
import { DESIGN_KINDS, RUNTIME_KINDS } from '../../../shared/model/types';
import type { ChangeFormValues } from './change-form';

/** Sets one field of the form. */
export type SetField = <K extends keyof ChangeFormValues>(k: K, value: ChangeFormValues[K]) => void;

export function EntryFields({ v, set }: { v: ChangeFormValues; set: SetField }) {
  return (
    <div className="row wrap">
      <label className="field">
        <span>Family</span>
        <select
          aria-label="Family"
          value={v.family}
          onChange={e => set('family', e.target.value as ChangeFormValues['family'])}
        >
          <option value="runtime">Run time</option>
          <option value="designtime">Design time</option>
          <option value="visibility">Visibility</option>
        </select>
      </label>
      {v.family !== 'visibility' && (
        <>
          <label className="field">
            <span>Effect</span>
            <select
              aria-label="Effect"
              value={v.effect}
              onChange={e => set('effect', e.target.value as ChangeFormValues['effect'])}
            >
              <option value="allow">Allow</option>
              <option value="deny">Deny</option>
            </select>
          </label>
          <label className="field">
            <span>Kind</span>
            <select aria-label="Kind" value={v.kind} onChange={e => set('kind', e.target.value)}>
              {(v.family === 'designtime' ? DESIGN_KINDS : RUNTIME_KINDS).map(k => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {v.family === 'runtime' && (
        <label className="field">
          <span>Resource</span>
          <input
            type="text"
            aria-label="Resource"
            className="narrow"
            placeholder="*"
            value={v.resource}
            onChange={e => set('resource', e.target.value)}
          />
        </label>
      )}
      <label className="field grow">
        <span>Principal</span>
        <input
          type="text"
          aria-label="Principal"
          placeholder={
            v.family === 'visibility'
              ? 'org:Plant or unit:Plant:LineA'
              : 'user:alice or group:Operators'
          }
          value={v.principal}
          onChange={e => set('principal', e.target.value)}
        />
      </label>
    </div>
  );
}

export function MemberFields({ v, set }: { v: ChangeFormValues; set: SetField }) {
  return (
    <div className="row wrap">
      <label className="field grow">
        <span>Member</span>
        <input
          type="text"
          aria-label="Member"
          placeholder="user:bob or group:Viewers"
          value={v.member}
          onChange={e => set('member', e.target.value)}
        />
      </label>
      {v.what === 'membership' ? (
        <label className="field grow">
          <span>Group</span>
          <input
            type="text"
            aria-label="Group"
            placeholder="DataAnalysts"
            value={v.group}
            onChange={e => set('group', e.target.value)}
          />
        </label>
      ) : (
        <>
          <label className="field">
            <span>Organization</span>
            <input
              type="text"
              aria-label="Organization"
              placeholder="Plant"
              value={v.org}
              onChange={e => set('org', e.target.value)}
            />
          </label>
          <label className="field">
            <span>Unit</span>
            <input
              type="text"
              aria-label="Unit"
              placeholder="(root unit)"
              value={v.unit}
              onChange={e => set('unit', e.target.value)}
            />
          </label>
        </>
      )}
    </div>
  );
}
