/** Add users, groups, Things and other elements (one undoable edit). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelEdit } from '../../../shared/model/edits';
import { checkName, splitNames } from '../lib/edit-builders';
import { useAppStore } from '../stores/app-store';
import { Modal } from './DialogFrame';
import { AddElementFields } from './AddElementFields';
import { NameField } from './NameField';
import type { AddWhat } from '../stores/ui-slice';

const ADD_TITLE: Record<AddWhat, string> = {
  user: 'Add user',
  group: 'Add group',
  organization: 'Add organization',
  unit: 'Add unit',
  thing: 'Add Thing',
  template: 'Add Thing template',
  shape: 'Add Thing shape',
};

export function AddDialog({
  what,
  org,
  parent,
}: {
  what: AddWhat;
  org?: string | undefined;
  parent?: string | undefined;
}) {
  const { applyEdit, setDialog, select, items } = useAppStore(
    useShallow(s => ({
      applyEdit: s.applyEdit,
      setDialog: s.setDialog,
      select: s.select,
      items: s.allItems,
    })),
  );
  // The first template a new Thing is likely to use: not the generic one when there are others.
  const templates = items.filter(i => i.kind === 'template').map(i => i.name);
  const [name, setName] = useState('');
  const [list, setList] = useState('');
  const [template, setTemplate] = useState(
    templates.find(t => t !== 'GenericThing') ?? templates[0] ?? 'GenericThing',
  );
  const [base, setBase] = useState('GenericThing');
  const [error, setError] = useState<string | null>(null);
  const close = () => setDialog(null);

  const build = (): ModelEdit => {
    switch (what) {
      case 'user':
        return { type: 'add-user', name, groups: splitNames(list) };
      case 'group':
        return { type: 'add-group', name, memberOf: splitNames(list) };
      case 'organization':
        return { type: 'add-organization', name };
      case 'unit':
        return { type: 'add-unit', org: org ?? '', parent: parent ?? '', name };
      case 'thing':
        return list.trim() === ''
          ? { type: 'add-thing', name, template }
          : { type: 'add-thing', name, template, owner: list.trim() };
      case 'template':
        return { type: 'add-template', name, base };
      case 'shape':
        return { type: 'add-shape', name };
    }
  };

  return (
    <Modal title={ADD_TITLE[what]} onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          const problem = checkName(what, name);
          if (problem) return setError(problem);
          setError(null);
          void applyEdit(build(), `${ADD_TITLE[what].replace('Add', 'Added')} ${name}.`).then(
            ok => {
              if (!ok) return;
              close();
              if (what === 'unit') void select({ kind: 'organization', name: org ?? '' });
              else void select({ kind: what, name });
            },
          );
        }}
      >
        {what === 'unit' && (
          <p className="muted small">
            In organization <b>{org}</b>, below unit <b>{parent}</b>.
          </p>
        )}
        <NameField label="Name" value={name} onChange={setName} error={error} />
        <AddElementFields
          what={what}
          list={list}
          onList={setList}
          template={template}
          onTemplate={setTemplate}
          base={base}
          onBase={setBase}
        />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
