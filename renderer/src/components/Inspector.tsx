import { useShallow } from 'zustand/react/shallow';
import type { ElementKind } from '../../../shared/contract';
import type { Characteristics as CharacteristicLists, User } from '../../../shared/model/types';
import { isRenamable, removeEdit } from '../lib/edit-builders';
import { useAppStore } from '../stores/app-store';
import { EffectiveTable } from './EffectiveTable';
import { MembershipEditor } from './MembershipEditor';
import { OrgUnitsEditor } from './OrgUnitsEditor';
import { PermissionSetEditor } from './PermissionSetEditor';
import { EditGuard, useReadOnly } from './EditGuard';

const KIND_LABEL: Record<ElementKind, string> = {
  user: 'User',
  group: 'Group',
  organization: 'Organization',
  thing: 'Thing',
  template: 'Thing template',
  shape: 'Thing shape',
  collection: 'Collection',
  appKey: 'Application key',
  context: 'Context',
  other: 'Entity',
};

function chars(d: CharacteristicLists): string[] {
  return [...d.properties, ...d.services, ...d.events];
}

export function Inspector() {
  const { selected, element, elementError, select, setDialog, applyEdit, clearSelection } =
    useAppStore(
      useShallow(s => ({
        selected: s.selected,
        element: s.element,
        elementError: s.elementError,
        select: s.select,
        setDialog: s.setDialog,
        applyEdit: s.applyEdit,
        clearSelection: s.clearSelection,
      })),
    );
  const readOnly = useReadOnly();

  if (!selected) {
    return (
      <aside className="inspector" id="inspector" aria-label="Inspector">
        <div className="empty-state">
          Select an element in the navigator, or a link in an explanation, to see its data and
          effective permissions.
        </div>
      </aside>
    );
  }
  // `model:element` answers a union per kind (contract ElementDetails): no decoding by hand.
  const el = element?.element;
  const builtin = el !== undefined && 'builtin' in el && el.builtin === true;
  const unresolved = el !== undefined && 'unresolved' in el && el.unresolved === true;
  const link = (kind: ElementKind, name: string) => (
    <button
      type="button"
      className="link"
      onClick={() => void select({ kind, name })}
      aria-label={`Show ${KIND_LABEL[kind]} ${name}`}
    >
      {name}
    </button>
  );

  return (
    <aside className="inspector" id="inspector" aria-label="Inspector">
      <div className="insp-head">
        <div>
          <div className="insp-kind">
            {KIND_LABEL[selected.kind]}
            {builtin && <span className="tag">built-in</span>}
            {unresolved && (
              <span className="tag" title="Referenced but not defined in the imported files">
                unresolved
              </span>
            )}
          </div>
          <h2 className="insp-name" aria-label="Selected element">
            {selected.name}
          </h2>
        </div>
        {isRenamable(selected.kind) && element && !readOnly && (
          <div className="insp-actions">
            <button
              type="button"
              className="small-btn"
              onClick={() =>
                isRenamable(selected.kind) &&
                setDialog({ type: 'rename', kind: selected.kind, name: selected.name })
              }
            >
              Rename…
            </button>
            <button
              type="button"
              className="small-btn danger"
              onClick={() => {
                if (!isRenamable(selected.kind)) return;
                const name = selected.name;
                void applyEdit(
                  removeEdit(selected.kind, name),
                  `Removed ${KIND_LABEL[selected.kind].toLowerCase()} ${name}. Undo with Ctrl+Z.`,
                ).then(ok => {
                  if (ok) clearSelection();
                });
              }}
            >
              Remove
            </button>
          </div>
        )}
      </div>
      {elementError && (
        <p className="form-error" role="alert">
          {elementError}
        </p>
      )}
      {element && (
        <div className="insp-body">
          {element.kind === 'user' && (
            <>
              <EditGuard>
                <UserFlags name={selected.name} user={element.element} />
              </EditGuard>
              <MembershipEditor
                member={{ type: 'user', name: selected.name }}
                groups={element.element.groups}
                title="Direct groups"
              />
              <EffectiveTable />
            </>
          )}
          {element.kind === 'group' && (
            <MembershipEditor
              member={{ type: 'group', name: selected.name }}
              groups={element.element.memberOf}
              title="Member of (parent groups)"
            />
          )}
          {element.kind === 'organization' && <OrgUnitsEditor org={element.element} />}
          {element.kind === 'thing' && (
            <>
              <dl className="props">
                <dt>Template</dt>
                <dd>{link('template', element.element.template)}</dd>
                <dt>Shapes</dt>
                <dd>
                  {element.element.shapes.length
                    ? element.element.shapes.map(s => <span key={s}>{link('shape', s)} </span>)
                    : '—'}
                </dd>
                <dt>Owner</dt>
                <dd>{element.element.owner ? link('user', element.element.owner) : '—'}</dd>
                <dt>Enabled</dt>
                <dd>{element.element.enabled === false ? 'no' : 'yes'}</dd>
              </dl>
              <Characteristics d={element.element} />
              <PermissionSetEditor
                title="Entity permissions"
                set={element.element.permissions}
                target={{ level: 'entity', collection: 'Things', name: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(element.element)}
              />
              <EffectiveTable />
            </>
          )}
          {element.kind === 'template' && (
            <>
              <dl className="props">
                <dt>Base template</dt>
                <dd>
                  {element.element.base ? link('template', element.element.base) : '— (root)'}
                </dd>
                <dt>Shapes</dt>
                <dd>
                  {element.element.shapes.length
                    ? element.element.shapes.map(s => <span key={s}>{link('shape', s)} </span>)
                    : '—'}
                </dd>
              </dl>
              <Characteristics d={element.element} />
              <PermissionSetEditor
                title="Instance permissions (inherited by Things)"
                set={element.element.instance}
                target={{ level: 'instance', template: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(element.element)}
              />
              <PermissionSetEditor
                title="Own permissions (the template entity itself)"
                set={element.element.permissions}
                target={{ level: 'entity', collection: 'ThingTemplates', name: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(element.element)}
              />
            </>
          )}
          {element.kind === 'shape' && (
            <>
              <Characteristics d={element.element} />
              <PermissionSetEditor
                title="Instance run-time permissions"
                set={element.element.instance}
                target={{ level: 'shape', shape: selected.name }}
                families={['runtime']}
                characteristics={chars(element.element)}
              />
              <PermissionSetEditor
                title="Own permissions (the shape entity itself)"
                set={element.element.permissions}
                target={{ level: 'entity', collection: 'ThingShapes', name: selected.name }}
                families={['designtime', 'visibility']}
                characteristics={[]}
              />
            </>
          )}
          {element.kind === 'collection' && (
            <PermissionSetEditor
              title="Collection permissions"
              set={element.element}
              target={{ level: 'collection', collection: selected.name }}
              families={['runtime', 'designtime', 'visibility']}
              characteristics={[]}
            />
          )}
          {element.kind === 'other' && (
            <PermissionSetEditor
              title="Entity permissions"
              set={element.element.permissions}
              target={{
                level: 'entity',
                collection: element.element.collection,
                name: element.element.name,
              }}
              families={['runtime', 'designtime', 'visibility']}
              characteristics={chars(element.element)}
            />
          )}
          {(element.kind === 'appKey' || element.kind === 'context') && (
            <KeyValues d={element.element} select={select} />
          )}
          <details className="raw">
            <summary>Raw data</summary>
            <pre className="mono">{JSON.stringify(element, null, 2)}</pre>
          </details>
        </div>
      )}
    </aside>
  );
}

function UserFlags({ name, user }: { name: string; user: User }) {
  const applyEdit = useAppStore(s => s.applyEdit);
  return (
    <div className="flags">
      <label className="check">
        <input
          type="checkbox"
          checked={user.enabled !== false}
          onChange={e =>
            void applyEdit({ type: 'set-user-flags', name, enabled: e.target.checked })
          }
        />{' '}
        Enabled
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={user.locked === true}
          onChange={e => void applyEdit({ type: 'set-user-flags', name, locked: e.target.checked })}
        />{' '}
        Locked
      </label>
    </div>
  );
}

function Characteristics({ d }: { d: CharacteristicLists }) {
  const rows: [string, string[]][] = [
    ['Properties', d.properties],
    ['Services', d.services],
    ['Events', d.events],
  ];
  if (rows.every(([, v]) => v.length === 0)) return null;
  return (
    <dl className="props">
      {rows.map(([k, v]) =>
        v.length === 0 ? null : (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd className="mono">{v.join(', ')}</dd>
          </div>
        ),
      )}
    </dl>
  );
}

function KeyValues({
  d,
  select,
}: {
  d: object;
  select: (s: { kind: ElementKind; name: string }) => Promise<void>;
}) {
  return (
    <dl className="props">
      {Object.entries(d)
        .filter(([, v]) => typeof v !== 'object' || Array.isArray(v))
        .map(([k, v]) => (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd className="mono">
              {k === 'user' && typeof v === 'string' ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => void select({ kind: 'user', name: v })}
                >
                  {v}
                </button>
              ) : Array.isArray(v) ? (
                v.length ? (
                  v.join(', ')
                ) : (
                  '—'
                )
              ) : (
                String(v)
              )}
            </dd>
          </div>
        ))}
    </dl>
  );
}
