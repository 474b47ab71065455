import type { ElementKind } from '../../../shared/contract';
import type { Selection } from '../lib/refs';
import { EffectiveTable } from './EffectiveTable';
import { Characteristics } from './InspectorParts';
import { asRecord, chars, strings, type Rec } from './inspector-data';
import { PermissionSetEditor, type LooseSet } from './PermissionSetEditor';

type Link = (kind: ElementKind, name: string) => React.ReactNode;

function Shapes({ d, link }: { d: Rec; link: Link }) {
  return (
    <>
      {strings(d.shapes).length
        ? strings(d.shapes).map(s => <span key={s}>{link('shape', s)} </span>)
        : '—'}
    </>
  );
}

/** The inspector body of an entity: its data, its permission sets, and (Things) effective permissions. */
export function EntityInspector({
  selected,
  d,
  link,
}: {
  selected: Selection;
  d: Rec;
  link: Link;
}) {
  switch (selected.kind) {
    case 'thing':
      return (
        <>
          <dl className="props">
            <dt>Template</dt>
            <dd>{typeof d.template === 'string' ? link('template', d.template) : '—'}</dd>
            <dt>Shapes</dt>
            <dd>
              <Shapes d={d} link={link} />
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
      );
    case 'template':
      return (
        <>
          <dl className="props">
            <dt>Base template</dt>
            <dd>{typeof d.base === 'string' ? link('template', d.base) : '— (root)'}</dd>
            <dt>Shapes</dt>
            <dd>
              <Shapes d={d} link={link} />
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
      );
    case 'shape':
      return (
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
      );
    case 'collection':
      return (
        <PermissionSetEditor
          title="Collection permissions"
          set={('permissions' in d ? asRecord(d.permissions) : d) as LooseSet}
          target={{ level: 'collection', collection: selected.name }}
          families={['runtime', 'designtime', 'visibility']}
          characteristics={[]}
        />
      );
    case 'other':
      return typeof d.collection === 'string' ? (
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
      ) : null;
    default:
      return null;
  }
}
