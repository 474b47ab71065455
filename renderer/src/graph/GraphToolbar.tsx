/**
 * The graph's two questions: "show me the neighbourhood of this element" (focus, fold guard, export)
 * and "how does this principal reach this entity?" (pathfinding).
 */
import { useState } from 'react';
import type { GraphFocus } from '../../../shared/graph';
import { DEFAULT_NODE_GUARD, MAX_NODE_GUARD } from '../../../shared/graph';
import { useAppStore } from '../stores/app-store';
import { useGraphStore } from './graph-store';
import { PathFinder } from './PathFinder';
import { KindNamePicker } from './KindNamePicker';

const FOCUS_TYPES: { type: GraphFocus['type']; label: string }[] = [
  { type: 'user', label: 'User' },
  { type: 'group', label: 'Group' },
  { type: 'organization', label: 'Organization' },
  { type: 'thing', label: 'Thing' },
  { type: 'template', label: 'Template' },
  { type: 'shape', label: 'Shape' },
];

export function GraphToolbar() {
  const source = useGraphStore(s => s.source);
  const notify = useAppStore(s => s.notify);
  const [type, setType] = useState<GraphFocus['type']>(
    source?.type === 'focus' ? source.focus.type : 'user',
  );
  const [name, setName] = useState(source?.type === 'focus' ? source.focus.name : '');
  const [guard, setGuard] = useState(DEFAULT_NODE_GUARD);
  const show = () => {
    if (!name.trim()) return notify('error', `Choose a ${type} to focus on.`);
    void useGraphStore
      .getState()
      .load({ type: 'focus', focus: { type, name: name.trim() }, guard });
  };
  return (
    <div className="graph-toolbars">
      <form
        className="graph-toolbar"
        aria-label="Graph focus"
        onSubmit={e => {
          e.preventDefault();
          show();
        }}
      >
        <KindNamePicker
          label="Focus"
          typeLabel="Focus type"
          nameLabel="Focus name"
          listId="graph-focus-names"
          kinds={FOCUS_TYPES}
          type={type}
          onType={setType}
          name={name}
          onName={setName}
        />
        <label title="Past this many nodes, users fold by group and Things by template, then templates and shapes by the principal granting them, and in a user's view each group's entries into one node, all counted (click one to open it)">
          <span className="graph-guard-words">Fold past</span>
          <input
            aria-label="Node guard"
            type="number"
            min={10}
            max={MAX_NODE_GUARD}
            value={guard}
            onChange={e =>
              setGuard(
                Math.max(
                  10,
                  Math.min(MAX_NODE_GUARD, Number(e.target.value) || DEFAULT_NODE_GUARD),
                ),
              )
            }
          />
        </label>
        <button type="submit">Show</button>
      </form>
      <PathFinder />
    </div>
  );
}
