import { useShallow } from 'zustand/react/shallow';
import type { ElementKind } from '../../../shared/contract';
import { isRenamable, removeEdit } from '../lib/edit-builders';
import { useAppStore } from '../stores/app-store';
import { EntityInspector } from './EntityInspector';
import { KeyValues } from './InspectorParts';
import { KIND_LABEL } from './inspector-data';
import { OrgUnitsEditor } from './OrgUnitsEditor';
import { PrincipalInspector } from './PrincipalInspector';
import { useReadOnly } from './EditGuard';

/** The right panel: the selected element's data, its permissions, and what it means. */
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
    <aside className={`inspector${lit ? ' highlight' : ''}`} id="inspector" aria-label="Inspector">
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
        {/* Built-ins cannot be renamed or removed (§3.2, §3.4): no buttons to offer it. */}
        {isRenamable(selected.kind) && element && !readOnly && !builtin && (
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
            <PrincipalInspector
              kind="user"
              name={selected.name}
              groups={element.element.groups}
              user={element.element}
              link={link}
            />
          )}
          {element.kind === 'group' && (
            <PrincipalInspector
              kind="group"
              name={selected.name}
              groups={element.element.memberOf}
              link={link}
            />
          )}
          {element.kind === 'organization' && <OrgUnitsEditor org={element.element} />}
          <EntityInspector element={element} link={link} />
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
