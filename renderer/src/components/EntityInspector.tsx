import type { ElementDetails, ElementKind } from '../../../shared/contract';
import { EffectiveTable } from './EffectiveTable';
import { Characteristics } from './InspectorParts';
import { chars } from './inspector-data';
import { PermissionSetEditor } from './PermissionSetEditor';

type Link = (kind: ElementKind, name: string) => React.ReactNode;

function Shapes({ shapes, link }: { shapes: string[]; link: Link }) {
  return <>{shapes.length ? shapes.map(s => <span key={s}>{link('shape', s)} </span>) : '—'}</>;
}

/** The inspector body of an entity: its data, its permission sets, and (Things) effective permissions. */
export function EntityInspector({ element, link }: { element: ElementDetails; link: Link }) {
  switch (element.kind) {
    case 'thing': {
      const d = element.element;
      return (
        <>
          <dl className="props">
            <dt>Template</dt>
            <dd>{link('template', d.template)}</dd>
            <dt>Shapes</dt>
            <dd>
              <Shapes shapes={d.shapes} link={link} />
            </dd>
            <dt>Owner</dt>
            <dd>{d.owner ? link('user', d.owner) : '—'}</dd>
            <dt>Enabled</dt>
            <dd>{d.enabled === false ? 'no' : 'yes'}</dd>
          </dl>
          <Characteristics d={d} />
          <PermissionSetEditor
            title="Entity permissions"
            set={d.permissions}
            target={{ level: 'entity', collection: 'Things', name: element.name }}
            families={['runtime', 'designtime', 'visibility']}
            characteristics={chars(d)}
          />
          <EffectiveTable />
        </>
      );
    }
    case 'template': {
      const d = element.element;
      return (
        <>
          <dl className="props">
            <dt>Base template</dt>
            <dd>{d.base ? link('template', d.base) : '— (root)'}</dd>
            <dt>Shapes</dt>
            <dd>
              <Shapes shapes={d.shapes} link={link} />
            </dd>
          </dl>
          <Characteristics d={d} />
          <PermissionSetEditor
            title="Instance permissions (inherited by Things)"
            set={d.instance}
            target={{ level: 'instance', template: element.name }}
            families={['runtime', 'designtime', 'visibility']}
            characteristics={chars(d)}
          />
          <PermissionSetEditor
            title="Own permissions (the template entity itself)"
            set={d.permissions}
            target={{ level: 'entity', collection: 'ThingTemplates', name: element.name }}
            families={['runtime', 'designtime', 'visibility']}
            characteristics={chars(d)}
          />
        </>
      );
    }
    case 'shape': {
      const d = element.element;
      return (
        <>
          <Characteristics d={d} />
          <PermissionSetEditor
            title="Instance run-time permissions"
            set={d.instance}
            target={{ level: 'shape', shape: element.name }}
            families={['runtime']}
            characteristics={chars(d)}
          />
          <PermissionSetEditor
            title="Own permissions (the shape entity itself)"
            set={d.permissions}
            target={{ level: 'entity', collection: 'ThingShapes', name: element.name }}
            families={['designtime', 'visibility']}
            characteristics={[]}
          />
        </>
      );
    }
    case 'collection':
      return (
        <PermissionSetEditor
          title="Collection permissions"
          set={element.element}
          target={{ level: 'collection', collection: element.name }}
          families={['runtime', 'designtime', 'visibility']}
          characteristics={[]}
        />
      );
    case 'other':
      return (
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
      );
    default:
      return null;
  }
}
