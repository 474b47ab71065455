import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Organization, OrgUnit } from '../../../shared/model/types';
import { own } from '../../../shared/model/own';
import { formatPrincipal, parsePrincipal } from '../lib/entries';
import { useAppStore } from '../stores/app-store';
import { EditGuard } from './EditGuard';

/** The unit tree of an organization with its members (domain reference §4.1-4.2). */
function OrgUnitsEditorBody({ org }: { org: Organization }) {
  const units = org.units ?? {};
  const root = units[org.root];
  if (!root) return <p className="muted">This organization has no root unit.</p>;
  return (
    <section className="units" aria-label="Organizational units">
      <h4>Units</h4>
      <p className="muted small">
        A visibility grant to a unit covers its members and the members of every unit above it
        (§4.4).
      </p>
      <ul className="unit-tree">
        <UnitNode org={org} unit={root} depth={0} />
      </ul>
    </section>
  );
}

function UnitNode({ org, unit, depth }: { org: Organization; unit: OrgUnit; depth: number }) {
  const { applyEdit, setDialog, items } = useAppStore(
    useShallow(s => ({ applyEdit: s.applyEdit, setDialog: s.setDialog, items: s.allItems })),
  );
  const [member, setMember] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isRoot = unit.parent === null;
  const listId = `unit-members-${org.name}-${unit.name}`.replace(/\W+/g, '-');
  return (
    <li className="unit" aria-label={`Unit ${unit.name}`}>
      <div className="unit-head">
        <span className="unit-name">{unit.name}</span>
        {isRoot && <span className="tag">root</span>}
        <button
          type="button"
          className="icon add"
          aria-label={`Add unit under ${unit.name}`}
          title="Add a child unit"
          onClick={() => setDialog({ type: 'add', what: 'unit', org: org.name, parent: unit.name })}
        >
          +
        </button>
        {!isRoot && (
          <button
            type="button"
            className="icon"
            aria-label={`Remove unit ${unit.name}`}
            title="Remove this unit"
            onClick={() =>
              void applyEdit(
                { type: 'remove-unit', org: org.name, name: unit.name },
                `Removed unit ${org.name}:${unit.name}.`,
              )
            }
          >
            ×
          </button>
        )}
      </div>
      <ul className="chips">
        {unit.members.map(m => (
          <li key={formatPrincipal(m)} className="chip-item">
            <span className="mono">{formatPrincipal(m)}</span>
            <button
              type="button"
              className="icon"
              aria-label={`Remove ${formatPrincipal(m)} from unit ${unit.name}`}
              onClick={() =>
                void applyEdit({
                  type: 'remove-unit-member',
                  org: org.name,
                  unit: unit.name,
                  member: m,
                })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={e => {
          e.preventDefault();
          const p = parsePrincipal(member);
          if (!p.ok) return setError(p.message);
          setError(null);
          void applyEdit({
            type: 'add-unit-member',
            org: org.name,
            unit: unit.name,
            member: p.value,
          }).then(ok => ok && setMember(''));
        }}
      >
        <input
          className="mono narrow"
          aria-label={`New member of unit ${unit.name}`}
          placeholder="group:Operators"
          list={listId}
          value={member}
          onChange={e => setMember(e.target.value)}
        />
        <datalist id={listId}>
          {items
            .filter(i => i.kind === 'user' || i.kind === 'group')
            .map(i => (
              <option key={`${i.kind}:${i.name}`} value={`${i.kind}:${i.name}`} />
            ))}
        </datalist>
        <button type="submit" className="small-btn">
          Add member
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {unit.children.length > 0 && (
        <ul className="unit-tree">
          {unit.children.map(c => {
            const child = own(org.units, c);
            return child ? <UnitNode key={c} org={org} unit={child} depth={depth + 1} /> : null;
          })}
        </ul>
      )}
    </li>
  );
}

/** The editor, disabled in a read-only model file (EditGuard). */
export function OrgUnitsEditor(props: Parameters<typeof OrgUnitsEditorBody>[0]) {
  return (
    <EditGuard>
      <OrgUnitsEditorBody {...props} />
    </EditGuard>
  );
}
