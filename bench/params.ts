/**
 * Size parameters of the synthetic deployment generator, taken from performance.md §6 (S "pilot
 * line", M "site", L "enterprise"). Ranges are inclusive [min, max]. Recorded verbatim in the bench
 * results so a run can be reproduced from (size, seed) alone.
 *
 * @example
 * GENERATOR_PARAMS.M.users; // 2000
 */

export type ModelSize = 'S' | 'M' | 'L';
export const MODEL_SIZES: readonly ModelSize[] = ['S', 'M', 'L'];

export type GeneratorParams = {
  users: number;
  directGroupsPerUser: [number, number];
  administrators: number;
  /** Share of users that appear as principals of user-level entries. */
  usersWithUserGrants: number;
  groups: number;
  groupNestingDepth: number;
  parentsPerGroup: [number, number];
  /** Share of non-top groups with 3+ parents (diamonds). */
  groupsWithManyParents: number;
  organizations: number;
  orgUnits: number;
  orgUnitDepth: number;
  unitsPerUser: [number, number];
  templates: number;
  /** Longest template chain, counting GenericThing. */
  templateChainDepth: number;
  shapes: number;
  things: number;
  /** Collections that carry collection-level entries (Things first). */
  collectionsWithPermissions: number;
  /** Total permission entries (run time + design time), excluding member-level overrides. */
  entries: number;
  collectionEntries: number;
  templateEntryShare: number;
  thingEntryShare: number;
  /** Share of things that carry their own ACL (thing-level entries go only to these). */
  thingsWithAcl: number;
  denyShare: number;
  groupPrincipalShare: number;
  /** Share of entries whose principal is the all-users group `Users` (performance.md §6: ~1%). */
  usersGroupShare: number;
  /** Share of template-level entries placed on leaf templates. */
  leafTemplateBias: number;
  /** Member-level overrides: run-time entries on one property/service/event, on top of `entries`. */
  overrides: number;
  overrideDenyShare: number;
  designTimeShare: number;
  visibilityGrantsPerEntity: [number, number];
  /** Share of things with an owner (owner bypass, §1.10). */
  thingsWithOwner: number;
  /** Context-manager equipment (performance.md §6 "Equipment tree nodes"), generated on request only. */
  equipment: EquipmentParams;
};

export type EquipmentParams = {
  /** Nodes of the one generated context's structure. */
  nodes: number;
  /** Children per inner node [min, max] and the deepest level (roots are level 0). */
  branching: [number, number];
  depth: number;
  /** Share of users and groups that receive grants on equipment. */
  principalsWithGrants: number;
  grantsPerPrincipal: number;
  /** Read / Write / None shares of the grants (performance.md §6: 60 / 25 / 15). */
  levelMix: [number, number, number];
  /** Share of grants that are propagations (the grant written on the node's whole subtree, §7.17). */
  propagationShare: number;
  /** Share of the principals with grants that also get Read on the context (its Network). */
  contextReadShare: number;
};

export const GENERATOR_PARAMS: Record<ModelSize, GeneratorParams> = {
  S: {
    users: 200,
    directGroupsPerUser: [1, 3],
    administrators: 2,
    usersWithUserGrants: 0.1,
    groups: 50,
    groupNestingDepth: 4,
    parentsPerGroup: [1, 2],
    groupsWithManyParents: 0,
    organizations: 1,
    orgUnits: 20,
    orgUnitDepth: 3,
    unitsPerUser: [1, 1],
    templates: 40,
    templateChainDepth: 3,
    shapes: 10,
    things: 2000,
    collectionsWithPermissions: 4,
    entries: 2000,
    collectionEntries: 10,
    templateEntryShare: 0.35,
    thingEntryShare: 0.6,
    thingsWithAcl: 0.1,
    denyShare: 0.1,
    groupPrincipalShare: 0.8,
    usersGroupShare: 0.01,
    leafTemplateBias: 0.8,
    overrides: 50,
    overrideDenyShare: 0.3,
    designTimeShare: 0.1,
    visibilityGrantsPerEntity: [1, 2],
    thingsWithOwner: 0.02,
    equipment: {
      nodes: 2000,
      branching: [3, 10],
      depth: 5,
      principalsWithGrants: 0.3,
      grantsPerPrincipal: 5,
      levelMix: [0.6, 0.25, 0.15],
      propagationShare: 0.1,
      contextReadShare: 0.8,
    },
  },
  M: {
    users: 2000,
    directGroupsPerUser: [1, 4],
    administrators: 5,
    usersWithUserGrants: 0.1,
    groups: 400,
    groupNestingDepth: 6,
    parentsPerGroup: [1, 2],
    groupsWithManyParents: 0.05,
    organizations: 3,
    orgUnits: 150,
    orgUnitDepth: 5,
    unitsPerUser: [1, 2],
    templates: 200,
    templateChainDepth: 4,
    shapes: 50,
    things: 10000,
    collectionsWithPermissions: 8,
    entries: 20000,
    collectionEntries: 40,
    templateEntryShare: 0.35,
    thingEntryShare: 0.6,
    thingsWithAcl: 0.1,
    denyShare: 0.1,
    groupPrincipalShare: 0.8,
    usersGroupShare: 0.01,
    leafTemplateBias: 0.8,
    overrides: 1000,
    overrideDenyShare: 0.3,
    designTimeShare: 0.1,
    visibilityGrantsPerEntity: [1, 3],
    thingsWithOwner: 0.02,
    equipment: {
      nodes: 20000,
      branching: [3, 15],
      depth: 7,
      principalsWithGrants: 0.3,
      grantsPerPrincipal: 20,
      levelMix: [0.6, 0.25, 0.15],
      propagationShare: 0.1,
      contextReadShare: 0.8,
    },
  },
  L: {
    users: 10000,
    directGroupsPerUser: [1, 4],
    administrators: 10,
    usersWithUserGrants: 0.1,
    groups: 2000,
    groupNestingDepth: 10,
    parentsPerGroup: [1, 2],
    groupsWithManyParents: 0.05,
    organizations: 10,
    orgUnits: 1000,
    orgUnitDepth: 6,
    unitsPerUser: [1, 2],
    templates: 500,
    templateChainDepth: 6,
    shapes: 200,
    things: 50000,
    collectionsWithPermissions: 8,
    entries: 100000,
    collectionEntries: 100,
    templateEntryShare: 0.35,
    thingEntryShare: 0.6,
    thingsWithAcl: 0.1,
    denyShare: 0.1,
    groupPrincipalShare: 0.8,
    usersGroupShare: 0.01,
    leafTemplateBias: 0.8,
    overrides: 20000,
    overrideDenyShare: 0.3,
    designTimeShare: 0.1,
    visibilityGrantsPerEntity: [1, 3],
    thingsWithOwner: 0.02,
    equipment: {
      nodes: 100000,
      branching: [3, 20],
      depth: 10,
      principalsWithGrants: 0.3,
      grantsPerPrincipal: 50,
      levelMix: [0.6, 0.25, 0.15],
      propagationShare: 0.1,
      contextReadShare: 0.8,
    },
  },
};
