/**
 * The normalized deployment model: what every engine, query, what-if and view works on.
 *
 * The YAML/JSON file format (shared/model/file-format.ts, docs/model-format.md) is compiled into this
 * shape by `compileModel` (shared/model/compile.ts), which also adds the ThingWorx built-ins.
 * Everything here is plain data (JSON-serialisable), immutable by convention, and names are
 * case-sensitive as in ThingWorx (domain reference §3).
 *
 * @example
 * const model: Model = compileModel(parseModelText(yamlText, 'demo.yaml').value).value;
 * model.things['SensorDataStream']?.template === 'SensorTemplate';
 */

/** Run-time permission kinds, exact ThingWorx identifiers (domain reference §1.3). */
export const RUNTIME_KINDS = [
  'PropertyRead',
  'PropertyWrite',
  'ServiceInvoke',
  'EventInvoke',
  'EventSubscribe',
] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

/** Design-time permission kinds (domain reference §1.2). */
export const DESIGN_KINDS = ['Create', 'Read', 'Update', 'Delete'] as const;
export type DesignKind = (typeof DESIGN_KINDS)[number];

/** A user or group that a run-time or design-time entry names (domain reference §1.4). */
export type PrincipalRef = { type: 'user' | 'group'; name: string };

/**
 * A visibility principal (domain reference §1.5, §4.6): a whole organization, or one unit of it.
 * File notation: `org:Plant`, `unit:Plant:LineA`.
 */
export type VisibilityPrincipal =
  { type: 'org'; org: string } | { type: 'unit'; org: string; unit: string };

/**
 * One run-time permission entry: (principal, allow|deny) for one kind on one resource.
 * `resource` is `*` (all characteristics) or one property, service or event name (§1.4, §2.7).
 */
export type RuntimeEntry = {
  kind: RuntimeKind;
  resource: string;
  principal: PrincipalRef;
  allow: boolean;
};

/** One design-time permission entry (§1.2). */
export type DesignEntry = {
  kind: DesignKind;
  principal: PrincipalRef;
  allow: boolean;
};

/** The three permission families held by one securable set (§1.1). Order of arrays is file order. */
export type PermissionSet = {
  runtime: RuntimeEntry[];
  designtime: DesignEntry[];
  visibility: VisibilityPrincipal[];
};

/** Instance sets of a ThingShape: run time only (domain reference §2.5). */
export type ShapeInstanceSet = { runtime: RuntimeEntry[] };

export type User = {
  name: string;
  enabled: boolean;
  locked: boolean;
  /** Direct groups only; the transitive closure is computed by the engines. `Users` is implicit. */
  groups: string[];
  /** Optional password for simulating Basic auth failures; absent = any password is accepted. */
  password?: string;
  builtin?: boolean;
  /** Referenced by imported files but defined in none of them (docs/import.md): kept, and named as such. */
  unresolved?: true;
};

export type Group = {
  name: string;
  /** Direct parent groups: this group is a member of each (nested membership, §2.11, §6.5). */
  memberOf: string[];
  builtin?: boolean;
  /** Referenced by imported files but defined in none of them (docs/import.md): kept, and named as such. */
  unresolved?: true;
};

export type OrgUnit = {
  name: string;
  /** Parent unit name inside the same organization; null for the root unit (§4.2). */
  parent: string | null;
  children: string[];
  /** Direct members: users and groups (§4.1). */
  members: PrincipalRef[];
};

export type Organization = {
  name: string;
  root: string;
  units: Record<string, OrgUnit>;
  builtin?: boolean;
  /** Referenced by imported files but defined in none of them (docs/import.md): kept, and named as such. */
  unresolved?: true;
};

/**
 * What a model may say about a property's data (docs/model-format.md "Property data"): its
 * ThingWorx base type (`NUMBER`, `STRING`, ...) and default value. The stand-in server answers
 * property reads with them; the permission model never reads them.
 */
export type PropertyData = { baseType?: string; defaultValue?: PropertyValue };
/** A property value as JSON carries it (a DATETIME is milliseconds since 1970). */
export type PropertyValue = string | number | boolean | unknown[] | Record<string, unknown>;

/** Characteristics an entity defines itself (templates and shapes add theirs for Things). */
export type Characteristics = {
  properties: string[];
  services: string[];
  events: string[];
  /** Base type and default value of the properties that declare them, by property name. */
  propertyData?: Record<string, PropertyData>;
};

export type ThingShape = Characteristics & {
  name: string;
  /** The shape entity's own sets (design time, visibility; shapes have no own run time, §1.9). */
  permissions: PermissionSet;
  instance: ShapeInstanceSet;
  owner?: string;
  builtin?: boolean;
  /** Referenced by imported files but defined in none of them (docs/import.md): kept, and named as such. */
  unresolved?: true;
};

export type ThingTemplate = Characteristics & {
  name: string;
  /** Base template name; null only for the root built-in `GenericThing`. */
  base: string | null;
  shapes: string[];
  /** Own permissions: govern the template entity itself, NOT its Things (§2.3). */
  permissions: PermissionSet;
  /** Run Time / Design Time / Visibility Instance sets, inherited by Things (§2.3). */
  instance: PermissionSet;
  owner?: string;
  builtin?: boolean;
  /** Referenced by imported files but defined in none of them (docs/import.md): kept, and named as such. */
  unresolved?: true;
};

export type Thing = Characteristics & {
  name: string;
  template: string;
  /** Shapes the Thing implements directly (in addition to its templates' shapes). */
  shapes: string[];
  owner?: string;
  enabled: boolean;
  permissions: PermissionSet;
  builtin?: boolean;
};

/** Entity types addressable over REST besides Things/templates/shapes (§1.9, §5.1). */
export const OTHER_ENTITY_TYPES = ['Resources', 'Subsystems', 'Mashups', 'DataShapes'] as const;
export type OtherEntityCollection = (typeof OTHER_ENTITY_TYPES)[number];

/** A Resource, Subsystem, Mashup or DataShape: its own permissions and services. */
export type OtherEntity = Characteristics & {
  name: string;
  collection: OtherEntityCollection;
  permissions: PermissionSet;
  owner?: string;
  builtin?: boolean;
};

/** Collections that carry collection-level permissions (§2.1). */
export const COLLECTION_NAMES = [
  'Things',
  'ThingTemplates',
  'ThingShapes',
  'DataShapes',
  'Mashups',
  'Resources',
  'Subsystems',
  'Users',
  'Groups',
  'Organizations',
  'ApplicationKeys',
  'Projects',
  'Media',
] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export type ApplicationKey = {
  name: string;
  /** User Name Reference: the key runs as this user (§3.9). */
  user: string;
  /** ISO-8601 expiration; absent = never expires in the simulation. */
  expires?: string;
  /** IP allowlist entries: addresses or IPv4 CIDR blocks; empty = any IP (§3.9). */
  ipAllowlist: string[];
};

/**
 * Semantic options: every place where the sources disagree or are silent (domain reference §9, §11).
 * Defaults are those of §9; `DEFAULT_SEMANTICS` holds them.
 */
export type Semantics = {
  /** §2.8-2.10, §9.6: `level` = most specific level/resource decides, deny wins inside it; `global-deny` = any deny anywhere wins. */
  precedence: 'level' | 'global-deny';
  /** §3.3, §9.3: members of Administrators bypass visibility and permission checks. */
  adminBypass: boolean;
  /** §1.10: the owner has all permissions and they cannot be limited. */
  ownerBypass: boolean;
  /** §11.3: instance permissions of base templates apply to Things of derived templates. */
  baseTemplateInstance: boolean;
  /** §11.3, §9.6: where shape instance run-time entries sit: after the template chain, or not at all. */
  shapeInstance: 'after-templates' | 'ignore';
  /** §4.4, §10 caution: `upward` = a grant to unit U covers members of U and of U's ancestors. */
  visibilityDirection: 'upward' | 'downward' | 'exact';
  /** §11.1: status of a run-time denial. */
  denialStatus: 403 | 401;
  /** §3.10, §10.12(f): reject `?appKey=` in the URL with 401. */
  rejectAppKeyInUrl: boolean;
};

export const DEFAULT_SEMANTICS: Semantics = {
  precedence: 'level',
  adminBypass: true,
  ownerBypass: true,
  baseTemplateInstance: true,
  shapeInstance: 'after-templates',
  visibilityDirection: 'upward',
  denialStatus: 403,
  rejectAppKeyInUrl: false,
};

/** Factory defaults of a fresh server (model-format.md): can be switched off to harden. */
export type FactoryDefaults = {
  /** The `Users` group sits in the root unit of `Everyone` (§3.5). */
  usersInEveryone: boolean;
  /** The `Everyone` organization holds visibility on every collection (model-format.md). */
  everyoneSeesCollections: boolean;
};

export const DEFAULT_FACTORY: FactoryDefaults = {
  usersInEveryone: true,
  everyoneSeesCollections: true,
};

/** ThingWorx Apps equipment (domain reference §7). Filled in by the apps layer (shared/apps). */
export type EquipmentNode = {
  name: string;
  /** Site, Line, Asset or a further type. */
  type: string;
  parent: string | null;
  children: string[];
};

export type EquipmentContext = {
  name: string;
  /** Display name (DefaultContext is shown as "Factory View", §7.1). */
  displayName: string;
  description: string;
  enabled: boolean;
  /** The Network entity holding the structure; a Thing in `things` (§7.1, §7.14). */
  network: string;
  /** Root equipment names (the Network's top-level `CONTAINS` connections). */
  roots: string[];
  /** Every equipment node of this context by name. The equipment Things live in `things`. */
  equipment: Record<string, EquipmentNode>;
};

/** One recorded context-manager service invocation, replayed in order (model-format.md `apps.grants`). */
export type AppsGrant = {
  service: string;
  params: Record<string, unknown>;
};

export type AppsModel = {
  contexts: Record<string, EquipmentContext>;
  /** Allowed parent/child equipment type pairs (`DefaultEquipmentRelationshipDefinition`, §7.2). */
  relationships: { parent: string; child: string }[];
  /** Grants as recorded in the file (their effect is already applied to the Things' entries). */
  grants: AppsGrant[];
};

/** A saved request with an optional expectation (used by `permsim test` and the Ask view). */
export type SavedRequest = {
  /** Credentials: a user (Basic auth), an app key, or nobody. */
  as?: string;
  appKey?: string;
  appKeyVia?: 'header' | 'query';
  noAuth?: boolean;
  password?: string;
  call: string;
  body?: unknown;
  ip?: string;
  at?: string;
  expect?: { status?: number; body?: string };
  note?: string;
  /** Source position in the model file, for messages. */
  line?: number;
};

/** The whole deployment. Record keys equal the element's `name`. */
export type Model = {
  formatVersion: 1;
  name: string;
  /**
   * The evaluation time (ISO-8601) pinned by the model file (`now:`): the time of every request
   * that carries none. Absent = the current time of the app or the CLI (shared/engine/evaluate.ts).
   */
  now?: string;
  semantics: Semantics;
  factory: FactoryDefaults;
  users: Record<string, User>;
  groups: Record<string, Group>;
  organizations: Record<string, Organization>;
  shapes: Record<string, ThingShape>;
  templates: Record<string, ThingTemplate>;
  things: Record<string, Thing>;
  /** Resources, Subsystems, Mashups, DataShapes, keyed by `${collection}/${name}`. */
  others: Record<string, OtherEntity>;
  collections: Partial<Record<CollectionName, PermissionSet>>;
  appKeys: Record<string, ApplicationKey>;
  apps: AppsModel;
  requests: SavedRequest[];
};

export const emptyPermissionSet = (): PermissionSet => ({
  runtime: [],
  designtime: [],
  visibility: [],
});
