import type { ElementKind, PrincipalEntry, PrincipalPage } from '../../../shared/contract';
import type { PrincipalRef, User } from '../../../shared/model/types';
import { refLabel, refToSelection } from '../lib/refs';
import { useAppStore } from '../stores/app-store';
import { EditGuard } from './EditGuard';
import { EffectiveTable } from './EffectiveTable';
import { UserFlags } from './InspectorParts';
import { MembershipEditor } from './MembershipEditor';

type Link = (kind: ElementKind, name: string) => React.ReactNode;

/** Long lists (the Users group of a large model) show this many rows, then say how many more. */
const SHOWN = 200;

function More({ total }: { total: number }) {
  return total > SHOWN ? <li className="muted small">and {total - SHOWN} more</li> : null;
}

const arrow = (path: string[]) => path.join(' → ');

function PathList({
  title,
  rows,
  link,
  empty,
}: {
  title: string;
  rows: { principal: PrincipalRef; path: string[] }[];
  link: Link;
  empty: string;
}) {
  return (
    <section className="principal-list" aria-label={title}>
      <h4>
        {title} <span className="count">{rows.length}</span>
      </h4>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul>
          {rows.slice(0, SHOWN).map(r => (
            <li key={`${r.principal.type}:${r.principal.name}`}>
              <span className="muted small">{r.principal.type}</span>{' '}
              {link(r.principal.type, r.principal.name)}
              {r.path.length > 2 && (
                <span className="path mono" aria-label={`Path of ${r.principal.name}`}>
                  {arrow(r.path)}
                </span>
              )}
            </li>
          ))}
          <More total={rows.length} />
        </ul>
      )}
    </section>
  );
}

const FAMILY_TITLE: Record<PrincipalEntry['family'], string> = {
  runtime: 'Run time',
  designtime: 'Design time',
  visibility: 'Visibility (granted to its units)',
};

function Entries({ entries, name }: { entries: PrincipalEntry[]; name: string }) {
  const select = useAppStore(s => s.select);
  return (
    <section className="principal-list" aria-label={`Entries naming ${name}`}>
      <h4>
        Entries naming it <span className="count">{entries.length}</span>
      </h4>
      {entries.length === 0 && <p className="muted small">No entry in the model names it.</p>}
      {(['runtime', 'designtime', 'visibility'] as const).map(f => {
        const rows = entries.filter(e => e.family === f);
        if (rows.length === 0) return null;
        return (
          <div key={f} className="principal-entries">
            <h5>{FAMILY_TITLE[f]}</h5>
            <ul>
              {rows.slice(0, SHOWN).map((e, i) => {
                const target = refToSelection(e.place);
                return (
                  <li key={i} className={e.allow ? 'allow' : 'deny'}>
                    <span className={`eff-mark ${e.allow ? 'allowed' : 'denied'}`}>
                      {e.allow ? 'Allow' : 'Deny'}
                    </span>{' '}
                    <span className="mono">{e.text}</span>{' '}
                    {target && (
                      <button
                        type="button"
                        className="link small"
                        aria-label={`Go to ${refLabel(e.place)} (${e.where})`}
                        onClick={() => void select(target)}
                      >
                        go to {e.where}
                      </button>
                    )}
                  </li>
                );
              })}
              <More total={rows.length} />
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function Units({ page, link }: { page: PrincipalPage; link: Link }) {
  return (
    <section className="principal-list" aria-label="Organizational units">
      <h4>
        Organizational units <span className="count">{page.units.length}</span>
      </h4>
      {page.units.length === 0 ? (
        <p className="muted small">
          In no unit: it sees only what visibility grants to an organization it is in, or what it
          owns.
        </p>
      ) : (
        <ul>
          {page.units.slice(0, SHOWN).map(u => (
            <li key={`${u.org}:${u.unit}`}>
              {link('organization', u.org)}
              <span className="mono">:{u.unit}</span>
              {u.via.length > 1 && <span className="path mono">via {arrow(u.via)}</span>}
            </li>
          ))}
          <More total={page.units.length} />
        </ul>
      )}
    </section>
  );
}

/**
 * A user's or group's page: memberships (editable), groups and members unrolled with paths, units,
 * and every entry that names it, each linking to its place (§2.11, §4.7, §9.2).
 */
export function PrincipalInspector({
  kind,
  name,
  groups,
  user,
  link,
}: {
  kind: 'user' | 'group';
  name: string;
  /** The user's direct groups, or the group's parent groups. */
  groups: string[];
  /** The user's own record (flags), for a user. */
  user?: User;
  link: Link;
}) {
  const page = useAppStore(s => s.principal);
  const fits = page && page.principal.type === kind && page.principal.name === name;
  const nested = fits ? page.groups.filter(g => g.path.length > 2) : [];
  return (
    <>
      {fits && page.protectedReason && (
        <p className="muted small protected-note" role="note">
          Protected: {page.protectedReason}.
        </p>
      )}
      {user && (
        <EditGuard>
          <UserFlags name={name} user={user} />
        </EditGuard>
      )}
      <MembershipEditor
        member={{ type: kind, name }}
        groups={groups}
        title={kind === 'user' ? 'Direct groups' : 'Member of (parent groups)'}
        locked={kind === 'user' ? ['Users'] : []}
      />
      {fits && (
        <>
          {nested.length > 0 && (
            <PathList
              title="Groups through nesting"
              rows={nested.map(g => ({ principal: { type: 'group', name: g.name }, path: g.path }))}
              link={link}
              empty=""
            />
          )}
          {kind === 'group' && (
            <>
              <PathList
                title="Direct members"
                rows={page.directMembers.map(p => ({ principal: p, path: [p.name, name] }))}
                link={link}
                empty="No direct members."
              />
              <PathList
                title="Unrolled members"
                rows={page.unrolledMembers}
                link={link}
                empty="No members, directly or through nested groups."
              />
            </>
          )}
          <Units page={page} link={link} />
          <Entries entries={page.entries} name={name} />
        </>
      )}
      {kind === 'user' && <EffectiveTable />}
    </>
  );
}
