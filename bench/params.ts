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
  },
};
