/**
 * The entities every ThingWorx server has without being declared (model-format.md "Built-ins";
 * domain reference §3.2-3.6, §4.7, §8.1-8.3). `builtinModel(factory)` returns them as a fresh Model
 * that the compiler fills with the file's declarations; every element carries `builtin: true`.
 *
 * @example
 * const m = builtinModel(DEFAULT_FACTORY);
 * m.users['Administrator']?.groups; // ['Administrators', 'Users']
 * m.organizations['Everyone']?.units['Everyone']?.members; // [{ type: 'group', name: 'Users' }]
 */
import type { FactoryDefaults, Model, OtherEntity, PermissionSet } from './types';
import { COLLECTION_NAMES, DEFAULT_SEMANTICS, emptyPermissionSet } from './types';
import { hasOwn, own, setOwn } from './own';

export const ADMINISTRATOR_USER = 'Administrator';
export const ADMINISTRATORS_GROUP = 'Administrators';
/** §3.5: every user is a member of Users. */
export const USERS_GROUP = 'Users';
export const COMPOSER_USERS_GROUP = 'ComposerUsers';
export const GENERIC_THING = 'GenericThing';
export const EVERYONE_ORG = 'Everyone';

/** javadoc `DefaultGroups` (§3.4). */
export const BUILTIN_GROUPS = [
  'Administrators',
  'Auditors',
  'ComposerUsers',
  'CXServerConnector',
  'Designers',
  'Developers',
  'Guests',
  'SecurityAdministrators',
  'SolutionCentralDevelopers',
  'Users',
] as const;

/**
 * A lookup table keyed by entity names without a prototype: names are data, and a user called
 * `constructor` or `toString` must not find `Object.prototype` members in these tables.
 */
function nameTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * A mutable record keyed by entity names, without a prototype, so that `record['__proto__'] = x`
 * stores an entity named `__proto__` instead of replacing the prototype.
 */
function nameRecord<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** Built-in parent groups of built-in groups: `Users` sits in `ComposerUsers` (§3.6). */
export const BUILTIN_MEMBER_OF: Readonly<Record<string, readonly string[]>> = nameTable({
  Users: ['ComposerUsers'],
});

/** Built-in groups of built-in users (before the implicit `Users`). */
export const BUILTIN_USER_GROUPS: Readonly<Record<string, readonly string[]>> = nameTable({
  Administrator: ['Administrators'],
});

/** Generic services every Thing has through GenericThing (§8.1). */
export const GENERIC_THING_SERVICES = [
  'GetPropertyValues',
  'SetPropertyValues',
  'GetPropertyDefinitions',
  'CheckPermission',
  'CheckPermissionForUser',
  'CheckPermissionForGroup',
  'GetPermissionsForUser',
  'GetPermissionsForCurrentUser',
  'GetPermissionsForGroup',
  'CheckDesignTimePermission',
  'CheckDesignTimePermissionForUser',
  'GetRunTimePermissions',
  'GetVisibilityPermissions',
] as const;

/** Built-in organizations: name -> [root unit, root member group] (§3.5, §3.6). */
export const BUILTIN_ORGS: Readonly<Record<string, { root: string; memberGroup: string }>> =
  nameTable({
    Everyone: { root: 'Everyone', memberGroup: 'Users' },
    Composer: { root: 'Composer', memberGroup: 'ComposerUsers' },
    Development: { root: 'Development', memberGroup: 'Developers' },
  });

function resource(name: string, services: string[], permissions: PermissionSet): OtherEntity {
  return {
    name,
    collection: 'Resources',
    properties: [],
    services,
    events: [],
    permissions,
    builtin: true,
  };
}

/** Built-in resources keyed `Resources/<name>` as in Model.others. */
export function builtinResources(): Record<string, OtherEntity> {
  return {
    'Resources/CurrentSessionInfo': resource(
      'CurrentSessionInfo',
      [
        'GetCurrentUser',
        'GetCurrentUserGroups',
        'GetCurrentUserOrganizations',
        'GetCurrentUserOrganizationalUnits',
        'GetDesignTimeCollectionPermissions',
      ],
      {
        // §3.6: ComposerUsers may invoke every CurrentSessionInfo service; the Composer org sees it.
        runtime: [
          {
            kind: 'ServiceInvoke',
            resource: '*',
            principal: { type: 'group', name: COMPOSER_USERS_GROUP },
            allow: true,
          },
        ],
        designtime: [],
        visibility: [{ type: 'org', org: 'Composer' }],
      },
    ),
    'Resources/EntityServices': resource(
      'EntityServices',
      [
        'CreateThing',
        'CreateThingWithOwner',
        'CreateApplicationKey',
        'GetClientApplicationKey',
        'CreateOrganization',
        'SetEntityPermission',
        'AddThingPermission',
        'AddThingVisibility',
        'GetEntityListWithPermissionMask',
      ],
      emptyPermissionSet(),
    ),
    'Resources/SecurityServices': resource(
      'SecurityServices',
      ['EvaluateRuntimePermission', 'EvaluateDesignTimePermission', 'EvaluateVisibilityPermission'],
      emptyPermissionSet(),
    ),
  };
}

/** True when `name` is a built-in of that kind (built-ins can be extended by a file, not redefined). */
export const isBuiltinUser = (name: string): boolean => hasOwn(BUILTIN_USER_GROUPS, name);
export const isBuiltinGroup = (name: string): boolean =>
  (BUILTIN_GROUPS as readonly string[]).includes(name);

/**
 * A fresh model holding only the built-ins, for the given factory defaults.
 *
 * @example
 * builtinModel({ usersInEveryone: false, everyoneSeesCollections: true }).organizations['Everyone']?.units['Everyone']?.members; // []
 */
export function builtinModel(factory: FactoryDefaults, name = ''): Model {
  const model: Model = {
    formatVersion: 1,
    name,
    semantics: { ...DEFAULT_SEMANTICS },
    factory: { ...factory },
    users: nameRecord({
      [ADMINISTRATOR_USER]: {
        name: ADMINISTRATOR_USER,
        enabled: true,
        locked: false,
        groups: [ADMINISTRATORS_GROUP, USERS_GROUP],
        builtin: true,
      },
    }),
    groups: nameRecord({}),
    organizations: nameRecord({}),
    shapes: nameRecord({}),
    templates: nameRecord({
      [GENERIC_THING]: {
        name: GENERIC_THING,
        base: null,
        shapes: [],
        properties: [],
        services: [...GENERIC_THING_SERVICES],
        events: [],
        permissions: emptyPermissionSet(),
        instance: emptyPermissionSet(),
        builtin: true,
      },
    }),
    things: nameRecord({}),
    others: nameRecord(builtinResources()),
    collections: {},
    appKeys: nameRecord({}),
    apps: { contexts: {}, relationships: [], grants: [] },
    requests: [],
  };
  for (const g of BUILTIN_GROUPS)
    setOwn(model.groups, g, {
      name: g,
      memberOf: [...(own(BUILTIN_MEMBER_OF, g) ?? [])],
      builtin: true,
    });
  for (const [orgName, def] of Object.entries(BUILTIN_ORGS)) {
    const members =
      orgName === EVERYONE_ORG && !factory.usersInEveryone
        ? []
        : [{ type: 'group' as const, name: def.memberGroup }];
    setOwn(model.organizations, orgName, {
      name: orgName,
      root: def.root,
      units: { [def.root]: { name: def.root, parent: null, children: [], members } },
      builtin: true,
    });
  }
  if (factory.everyoneSeesCollections) {
    for (const c of COLLECTION_NAMES)
      setOwn(model.collections, c, {
        runtime: [],
        designtime: [],
        visibility: [{ type: 'org', org: EVERYONE_ORG }],
      });
  }
  return model;
}

/**
 * The ThingTemplate of an equipment type of the ThingWorx Apps context manager (domain reference §7).
 * @example equipmentTemplateName('Line'); // 'PTC.SCA.SCO.Line'
 */
export function equipmentTemplateName(type: string): string {
  return `PTC.SCA.SCO.${type}`;
}
