/** Pathfinding: pick any principal and any entity; the routes between them through the entries that apply (graph:paths). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PathQuery } from '../../../shared/graph';
import { useAppStore } from '../stores/app-store';
import { useGraphStore } from './graph-store';
import { useNames } from './use-names';

/** Pick any principal and any entity: the routes between them through the entries that apply (graph:paths). */
export function PathFinder() {
  const { source, notify } = useAppStore(
    useShallow(s => ({ source: s.graph.source, notify: s.notify })),
  );
  const last = source?.type === 'paths' ? source.query : null;
  const [fromType, setFromType] = useState<PathQuery['from']['type']>(last?.from.type ?? 'user');
  const [from, setFrom] = useState(last?.from.name ?? '');
  const [toType, setToType] = useState<PathQuery['to']['type']>(last?.to.type ?? 'thing');
  const [to, setTo] = useState(last?.to.name ?? '');
  const fromNames = useNames(fromType);
  const toNames = useNames(toType);
  const find = () => {
    if (!from.trim()) return notify('error', `Choose the ${fromType} the paths start from.`);
    if (!to.trim()) return notify('error', `Choose the ${toType} the paths lead to.`);
    void useGraphStore.getState().findPaths({
      from: { type: fromType, name: from.trim() },
      to: { type: toType, name: to.trim() },
    });
  };
  return (
    <form
      className="graph-toolbar"
      aria-label="Find paths"
      onSubmit={e => {
        e.preventDefault();
        find();
      }}
    >
      <label>
        Paths from
        <select
          aria-label="Path start type"
          value={fromType}
          onChange={e => setFromType(e.target.value === 'group' ? 'group' : 'user')}
        >
          <option value="user">User</option>
          <option value="group">Group</option>
        </select>
      </label>
      <input
        aria-label="Path start"
        list="graph-path-from"
        value={from}
        onChange={e => setFrom(e.target.value)}
        placeholder={`${fromType} name`}
      />
      <datalist id="graph-path-from">
        {fromNames.map(n => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <label>
        to
        <select
          aria-label="Path end type"
          value={toType}
          onChange={e => setToType(e.target.value as PathQuery['to']['type'])}
        >
          <option value="thing">Thing</option>
          <option value="template">Template</option>
          <option value="shape">Shape</option>
        </select>
      </label>
      <input
        aria-label="Path end"
        list="graph-path-to"
        value={to}
        onChange={e => setTo(e.target.value)}
        placeholder={`${toType} name`}
      />
      <datalist id="graph-path-to">
        {toNames.map(n => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <button type="submit">Find paths</button>
    </form>
  );
}
