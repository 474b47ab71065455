import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PrincipalRef } from '../../../shared/model/types';
import { useAppStore } from '../stores/app-store';
import { Combobox } from './Combobox';
import { nameOptions } from './combobox-filter';
import { EditGuard } from './EditGuard';

/** Direct group memberships of a user or group (nested groups, domain reference §2.11, §6.5). */
function MembershipEditorBody({
  member,
  groups,
  title,
  locked = [],
}: {
  member: PrincipalRef;
  groups: string[];
  title: string;
  /** Memberships that cannot be undone (every user is in Users, §3.5): shown without ×. */
  locked?: string[];
}) {
  const { applyEdit, items, select } = useAppStore(
    useShallow(s => ({ applyEdit: s.applyEdit, items: s.allItems, select: s.select })),
  );
  const [pick, setPick] = useState('');
  const candidates = useMemo(
    () =>
      nameOptions(
        items
          .filter(
            i =>
              i.kind === 'group' &&
              !groups.includes(i.name) &&
              !(member.type === 'group' && i.name === member.name),
          )
          .map(i => i.name),
      ),
    [items, groups, member],
  );
  return (
    <section className="memberships" aria-label={title}>
      <h4>{title}</h4>
      {groups.length === 0 && (
        <p className="muted small">
          None{member.type === 'user' ? ' (every user is in Users)' : ''}.
        </p>
      )}
      <ul className="chips">
        {groups.map(g => (
          <li key={g} className="chip-item">
            <button
              type="button"
              className="link"
              onClick={() => void select({ kind: 'group', name: g })}
            >
              {g}
            </button>
            {locked.includes(g) ? (
              <span className="lock muted small" title="Every user is a member of Users">
                always
              </span>
            ) : (
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${member.name} from ${g}`}
                onClick={() =>
                  void applyEdit(
                    { type: 'remove-membership', member, group: g },
                    `${member.name} is no longer a direct member of ${g}.`,
                  )
                }
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={e => {
          e.preventDefault();
          if (pick === '') return;
          void applyEdit(
            { type: 'add-membership', member, group: pick },
            `${member.name} is now a member of ${pick}.`,
          ).then(ok => ok && setPick(''));
        }}
      >
        <Combobox
          label={`Add ${member.name} to group`}
          className="inline"
          placeholder="Add to group…"
          value={pick}
          options={candidates}
          onChange={setPick}
        />
        <button type="submit" className="small-btn" disabled={pick === ''}>
          Add
        </button>
      </form>
    </section>
  );
}

/** The editor, disabled in a read-only model file (EditGuard). */
export function MembershipEditor(props: Parameters<typeof MembershipEditorBody>[0]) {
  return (
    <EditGuard>
      <MembershipEditorBody {...props} />
    </EditGuard>
  );
}
