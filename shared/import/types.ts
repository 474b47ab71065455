/**
 * Types of the importer: the files it reads, the fragments it extracts from them (one per entity
 * per file, before merging), and the import report.
 *
 * A fragment holds only what its file states: a part that is `undefined` was not in the file (and
 * can be supplied by another file), an empty list was stated as empty. Principals stay raw (name and
 * ThingWorx type as written) until every file is read, because `Organization:Unit` names can only be
 * split once the organization names are known (domain reference §4.6).
 *
 * @example
 * const src: ImportSource = { path: 'Things/T1.xml', bytes: new TextEncoder().encode('<Entities/>') };
 */
import type { DesignKind, PropertyData, RuntimeKind } from '../model/types';

/** One input file, as bytes (binary exports are recognised before any decoding). */
export type ImportSource = { path: string; bytes: Uint8Array };

/** A place in an input file; line is 1-based (0 = the file as a whole). */
export type Loc = { file: string; line: number };

/** A principal as written in the file: `type` verbatim (`User`, `Group`, `Organization`, ...). */
export type RawPrincipal = { name: string; type: string; allow: boolean; loc: Loc };

export type RawRuntime = { kind: RuntimeKind; resource: string; p: RawPrincipal };
export type RawDesign = { kind: DesignKind; p: RawPrincipal };

/** One securable set; a family left undefined was not written in the file. */
export type RawPermissions = {
  runtime?: RawRuntime[];
  designtime?: RawDesign[];
  visibility?: RawPrincipal[];
};

export type RawMember = { name: string; type: string; loc: Loc };

/** Entity collections the importer maps into the model. */
export const MODELLED_COLLECTIONS = [
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
] as const;
export type ModelledCollection = (typeof MODELLED_COLLECTIONS)[number];

/** The parts of an entity a file can state. Each is compared on its own when files overlap. */
export type FragmentParts = {
  owner?: RawMember | null;
  template?: string;
  base?: string;
  shapes?: string[];
  enabled?: boolean;
  locked?: boolean;
  properties?: string[];
  /** Base type and default value of properties, by name (the stand-in server reads them). */
  propertyData?: Record<string, PropertyData>;
  services?: string[];
  events?: string[];
  permissions?: RawPermissions;
  instance?: RawPermissions;
  /** Groups: direct members (users and groups). */
  members?: RawMember[];
  /** Organizations: parent -> child connections (`from=""` marks the root) and unit members. */
  connections?: { from: string; to: string; loc: Loc }[];
  unitMembers?: { unit: string; members: RawMember[] }[];
  /** Application keys. */
  keyUser?: string;
  expires?: string | null;
  ipAllowlist?: string[];
};

export type Fragment = {
  collection: ModelledCollection;
  name: string;
  loc: Loc;
  parts: FragmentParts;
  /** A record of the permissions file: the entity's definition (if any) is in another file. */
  record?: true;
};

/** Collection-level permissions (§2.1) read from one file. */
export type CollectionFragment = { collection: string; loc: Loc; permissions: RawPermissions };

export type ImportWarning = { file: string; line: number; message: string };

export type ImportConflict = {
  /** `Things/T1`, `collection Things`, ... */
  entity: string;
  /** The part that differs: `runtime permissions`, `template`, ... */
  part: string;
  /** file:line of each definition, in reading order. */
  places: string[];
  /** What each file says, short. */
  values: string[];
  /** Which side the model kept (absent when the import failed on conflicts). */
  kept?: 'first' | 'last';
};

export type ImportRefusal = { file: string; line?: number; column?: number; message: string };

export type ImportReport = {
  files: { read: number; skipped: { file: string; reason: string }[] };
  /** Entities read per ThingWorx collection (`Things`, `Users`, ...), after merging. */
  entities: Record<string, number>;
  /** Permission blocks read per block name, and the entries in them. */
  blocks: Record<string, { blocks: number; entries: number }>;
  /** ThingWorx version(s) named by the files' headers (`unknown` when absent). */
  versions: string[];
  warnings: ImportWarning[];
  /** Content read but not modelled (collections, blocks), with the reason. */
  skipped: { what: string; count: number; reason: string; first?: string }[];
  /** Credentials seen and dropped, per kind: never stored, shown, logged or exported. */
  secretsDropped: { what: string; count: number }[];
  /** Referenced but not defined in the imported files: kept as unresolved elements. */
  unresolved: { kind: string; name: string; firstReference: string }[];
  conflicts: ImportConflict[];
  refusals: ImportRefusal[];
};

export type OnConflict = 'fail' | 'first' | 'last';

export const emptyReport = (): ImportReport => ({
  files: { read: 0, skipped: [] },
  entities: {},
  blocks: {},
  versions: [],
  warnings: [],
  skipped: [],
  secretsDropped: [],
  unresolved: [],
  conflicts: [],
  refusals: [],
});

export const locText = (l: Loc): string => (l.line > 0 ? `${l.file}:${l.line}` : l.file);
