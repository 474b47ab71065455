/**
 * The fields of the Add dialog after the name, per kind of element: groups of a user or group
 * (comma-separated), the template and owner of a Thing, the base of a template. Templates and
 * owners are type-to-search comboboxes: a model may have thousands of each.
 */
import { useMemo } from 'react';
import { useAppStore } from '../stores/app-store';
import type { AddWhat } from '../stores/ui-slice';
import { Combobox } from './Combobox';
import { nameOptions } from './combobox-filter';

export function AddElementFields(p: {
  what: AddWhat;
  list: string;
  onList: (v: string) => void;
  template: string;
  onTemplate: (v: string) => void;
  base: string;
  onBase: (v: string) => void;
}) {
  const items = useAppStore(s => s.allItems);
  const templates = useMemo(
    () => nameOptions(items.filter(i => i.kind === 'template').map(i => i.name)),
    [items],
  );
  const users = useMemo(
    () => nameOptions(items.filter(i => i.kind === 'user').map(i => i.name)),
    [items],
  );
  return (
    <>
      {(p.what === 'user' || p.what === 'group') && (
        <label className="field">
          <span>
            {p.what === 'user' ? 'Groups (comma-separated)' : 'Member of groups (comma-separated)'}
          </span>
          <input
            type="text"
            aria-label={p.what === 'user' ? 'Groups' : 'Member of'}
            value={p.list}
            onChange={e => p.onList(e.target.value)}
          />
        </label>
      )}
      {p.what === 'thing' && (
        <>
          <label className="field">
            <span>Template</span>
            <Combobox
              label="Template"
              value={p.template}
              options={templates}
              onChange={p.onTemplate}
            />
          </label>
          <label className="field">
            <span>Owner (optional)</span>
            <Combobox label="Owner" freeText value={p.list} options={users} onChange={p.onList} />
          </label>
        </>
      )}
      {p.what === 'template' && (
        <label className="field">
          <span>Base template</span>
          <Combobox label="Base template" value={p.base} options={templates} onChange={p.onBase} />
        </label>
      )}
    </>
  );
}
