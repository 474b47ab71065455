/** Pathfinding: pick any principal and any entity; the routes between them through the entries that apply (graph:paths). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PathQuery } from '../../../shared/graph';
import { useAppStore } from '../stores/app-store';
import { useGraphStore } from './graph-store';
import { KindNamePicker } from './KindNamePicker';

const FROM_TYPES = [
  { type: 'user', label: 'User' },
  { type: 'group', label: 'Group' },
] as const;
const TO_TYPES = [
  { type: 'thing', label: 'Thing' },
  { type: 'template', label: 'Template' },
  { type: 'shape', label: 'Shape' },
] as const;

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
      <KindNamePicker
        label="Paths from"
        typeLabel="Path start type"
        nameLabel="Path start"
        listId="graph-path-from"
        kinds={FROM_TYPES}
        type={fromType}
        onType={setFromType}
        name={from}
        onName={setFrom}
      />
      <KindNamePicker
        label="to"
        typeLabel="Path end type"
        nameLabel="Path end"
        listId="graph-path-to"
        kinds={TO_TYPES}
        type={toType}
        onType={setToType}
        name={to}
        onName={setTo}
      />
      <button type="submit">Find paths</button>
    </form>
  );
}
