import { useShallow } from 'zustand/react/shallow';
import type { ElementKind } from '../../../shared/contract';
import type { Organization } from '../../../shared/model/types';
import { isRenamable, removeEdit } from '../lib/edit-builders';
import { useAppStore } from '../stores/app-store';
import { EffectiveTable } from './EffectiveTable';
import { MembershipEditor } from './MembershipEditor';
import { OrgUnitsEditor } from './OrgUnitsEditor';
import { PermissionSetEditor, type LooseSet } from './PermissionSetEditor';
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

type Rec = Record<string, unknown>;

function asRecord(v: unknown): Rec {
  return typeof v === 'object' && v !== null ? (v as Rec) : {};
}

/** `model:element` may wrap the element (`{ element, effective }`); the inspector wants the element. */
function unwrap(data: unknown): Rec {
  const d = asRecord(data);
  if ('element' in d && typeof d.element === 'object' && d.element !== null)
    return d.element as Rec;
  return d;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function chars(d: Rec): string[] {
  return [...strings(d.properties), ...strings(d.services), ...strings(d.events)];
}

export function Inspector() {
  // The step the Ask view's step-by-step bar points at names the element shown here.
  const lit = useAppStore(s =>
    s.highlight.some(h => h.kind === s.selected?.kind && h.name === s.selected.name),
  );
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
      <aside
        className={`inspector${lit ? ' highlight' : ''}`}
        id="inspector"
        aria-label="Inspector"
      >
        <div className="empty-state">
          Select an element in the navigator, or a link in an explanation, to see its data and
          effective permissions.
        </div>
      </aside>
    );
  }
  const d = unwrap(element?.data);
  const builtin = d.builtin === true;
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
    <aside className={`inspector${lit ? ' highlight' : ''}`} id="inspector" aria-label="Inspector">
      <div className="insp-head">
        <div>
          <div className="insp-kind">
            {KIND_LABEL[selected.kind]}
            {builtin && <span className="tag">built-in</span>}
            {d.unresolved === true && (
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
          {selected.kind === 'user' && (
            <>
              <EditGuard>
                <UserFlags name={selected.name} d={d} />
              </EditGuard>
              <MembershipEditor
                member={{ type: 'user', name: selected.name }}
                groups={strings(d.groups)}
                title="Direct groups"
              />
              <EffectiveTable />
            </>
          )}
          {selected.kind === 'group' && (
            <MembershipEditor
              member={{ type: 'group', name: selected.name }}
              groups={strings(d.memberOf)}
              title="Member of (parent groups)"
            />
          )}
          {selected.kind === 'organization' && (
            <OrgUnitsEditor org={d as unknown as Organization} />
          )}
          {selected.kind === 'thing' && (
            <>
              <dl className="props">
                <dt>Template</dt>
                <dd>{typeof d.template === 'string' ? link('template', d.template) : '—'}</dd>
                <dt>Shapes</dt>
                <dd>
                  {strings(d.shapes).length
                    ? strings(d.shapes).map(s => <span key={s}>{link('shape', s)} </span>)
                    : '—'}
                </dd>
                <dt>Owner</dt>
                <dd>{typeof d.owner === 'string' ? link('user', d.owner) : '—'}</dd>
                <dt>Enabled</dt>
                <dd>{d.enabled === false ? 'no' : 'yes'}</dd>
              </dl>
              <Characteristics d={d} />
              <PermissionSetEditor
                title="Entity permissions"
                set={asRecord(d.permissions) as LooseSet}
                target={{ level: 'entity', collection: 'Things', name: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(d)}
              />
              <EffectiveTable />
            </>
          )}
          {selected.kind === 'template' && (
            <>
              <dl className="props">
                <dt>Base template</dt>
                <dd>{typeof d.base === 'string' ? link('template', d.base) : '— (root)'}</dd>
                <dt>Shapes</dt>
                <dd>
                  {strings(d.shapes).length
                    ? strings(d.shapes).map(s => <span key={s}>{link('shape', s)} </span>)
                    : '—'}
                </dd>
              </dl>
              <Characteristics d={d} />
              <PermissionSetEditor
                title="Instance permissions (inherited by Things)"
                set={asRecord(d.instance) as LooseSet}
                target={{ level: 'instance', template: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(d)}
              />
              <PermissionSetEditor
                title="Own permissions (the template entity itself)"
                set={asRecord(d.permissions) as LooseSet}
                target={{ level: 'entity', collection: 'ThingTemplates', name: selected.name }}
                families={['runtime', 'designtime', 'visibility']}
                characteristics={chars(d)}
              />
            </>
          )}
          {selected.kind === 'shape' && (
            <>
              <Characteristics d={d} />
              <PermissionSetEditor
                title="Instance run-time permissions"
                set={asRecord(d.instance) as LooseSet}
                target={{ level: 'shape', shape: selected.name }}
                families={['runtime']}
                characteristics={chars(d)}
              />
              <PermissionSetEditor
                title="Own permissions (the shape entity itself)"
                set={asRecord(d.permissions) as LooseSet}
                target={{ level: 'entity', collection: 'ThingShapes', name: selected.name }}
                families={['designtime', 'visibility']}
                characteristics={[]}
              />
            </>
          )}
          {selected.kind === 'collection' && (
            <PermissionSetEditor
              title="Collection permissions"
              set={('permissions' in d ? asRecord(d.permissions) : d) as LooseSet}
              target={{ level: 'collection', collection: selected.name }}
              families={['runtime', 'designtime', 'visibility']}
              characteristics={[]}
            />
          )}
          {selected.kind === 'other' && typeof d.collection === 'string' && (
            <PermissionSetEditor
              title="Entity permissions"
              set={asRecord(d.permissions) as LooseSet}
              target={{
                level: 'entity',
                collection: d.collection,
                name: typeof d.name === 'string' ? d.name : selected.name,
              }}
              families={['runtime', 'designtime', 'visibility']}
              characteristics={chars(d)}
            />
          )}
          {(selected.kind === 'appKey' || selected.kind === 'context') && (
            <KeyValues d={d} select={select} />
          )}
          <details className="raw">
            <summary>Raw data</summary>
            <pre className="mono">{JSON.stringify(element.data, null, 2)}</pre>
          </details>
        </div>
      )}
    </aside>
  );
}

function UserFlags({ name, d }: { name: string; d: Rec }) {
  const applyEdit = useAppStore(s => s.applyEdit);
  return (
    <div className="flags">
      <label className="check">
        <input
          type="checkbox"
          checked={d.enabled !== false}
          onChange={e =>
            void applyEdit({ type: 'set-user-flags', name, enabled: e.target.checked })
          }
        />{' '}
        Enabled
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={d.locked === true}
          onChange={e => void applyEdit({ type: 'set-user-flags', name, locked: e.target.checked })}
        />{' '}
        Locked
      </label>
    </div>
  );
}

function Characteristics({ d }: { d: Rec }) {
  const rows: [string, string[]][] = [
    ['Properties', strings(d.properties)],
    ['Services', strings(d.services)],
    ['Events', strings(d.events)],
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
  d: Rec;
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
