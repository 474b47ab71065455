/**
 * The Equipment view's toolbar: the context, the user or group whose permissions are shown
 * (type-to-search: a model may have thousands), expand/collapse, and the legend.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Combobox } from '../components/Combobox';
import { principalOptions } from '../components/principal-options';
import { useAppStore } from '../stores/app-store';
import { PermissionBadge } from './PermissionBadge';
import { useTreeStore } from './tree-store';

export function EquipmentToolbar() {
  const items = useAppStore(s => s.allItems);
  const { contexts, context, principal } = useTreeStore(
    useShallow(t => ({ contexts: t.contexts, context: t.context, principal: t.principal })),
  );
  const options = useMemo(() => principalOptions(items), [items]);
  const principalValue = principal ? `${principal.type}:${principal.name}` : '';
  return (
    <div className="tree-toolbar">
      <label className="field">
        <span>Context</span>
        <select
          aria-label="Context"
          value={context}
          onChange={e => void useTreeStore.getState().setContext(e.target.value)}
        >
          {contexts.map(c => (
            <option key={c.name} value={c.name}>
              {c.displayName !== c.name ? `${c.displayName} (${c.name})` : c.name} ·{' '}
              {c.equipmentCount}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>User or group</span>
        <Combobox
          label="User or group"
          className="inline"
          value={principalValue}
          options={options}
          onChange={v => {
            const [type, ...rest] = v.split(':');
            void useTreeStore
              .getState()
              .setPrincipal({ type: type === 'group' ? 'group' : 'user', name: rest.join(':') });
          }}
        />
      </label>
      <div className="row tree-buttons">
        <button className="small-btn" onClick={() => void useTreeStore.getState().expandAll()}>
          Expand all
        </button>
        <button className="small-btn" onClick={() => void useTreeStore.getState().collapseAll()}>
          Collapse all
        </button>
      </div>
      <div className="legend" aria-label="Legend">
        <PermissionBadge permission="Write" />
        <PermissionBadge permission="Read" />
        <PermissionBadge permission="None" />
        <PermissionBadge permission="None" noGrant />
      </div>
    </div>
  );
}
