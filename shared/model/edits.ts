/**
 * Model edits: small typed values that the UI (and later the what-if change sets) apply to a Model.
 * `applyEdit(model, edit)` (apply-edit.ts, re-exported here) validates the edit against the model and returns a
 * new model or a precise error; it never mutates its input.
 *
 * @example
 * const r = applyEdit(model, { type: 'add-entry', target: { level: 'entity', collection: 'Things', name: 'T1' },
 *   entry: { family: 'runtime', kind: 'PropertyRead', resource: '*', principal: { type: 'group', name: 'Ops' }, allow: true } });
 */
import type {
  SavedRequest,
  DesignKind,
  FactoryDefaults,
  PrincipalRef,
  RuntimeKind,
  Semantics,
  VisibilityPrincipal,
} from './types';

/** Which permission set an entry edit targets (the levels of domain reference §2). */
export type EditTarget =
  /** An entity's own set: Things, ThingTemplates (own), ThingShapes (own), Resources, Subsystems, Mashups, DataShapes. */
  | { level: 'entity'; collection: string; name: string }
  /** A template's instance sets (Run Time / Design Time / Visibility Instance). */
  | { level: 'instance'; template: string }
  /** A shape's instance run-time set. */
  | { level: 'shape'; shape: string }
  /** A collection-level set. */
  | { level: 'collection'; collection: string };

export type EntryValue =
  | {
      family: 'runtime';
      kind: RuntimeKind;
      resource: string;
      principal: PrincipalRef;
      allow: boolean;
    }
  | { family: 'designtime'; kind: DesignKind; principal: PrincipalRef; allow: boolean }
  | { family: 'visibility'; principal: VisibilityPrincipal };

export type ModelEdit =
  | { type: 'add-user'; name: string; groups?: string[] }
  | { type: 'rename-user'; name: string; to: string }
  | { type: 'remove-user'; name: string }
  | { type: 'set-user-flags'; name: string; enabled?: boolean; locked?: boolean }
  | { type: 'add-group'; name: string; memberOf?: string[] }
  | { type: 'rename-group'; name: string; to: string }
  | { type: 'remove-group'; name: string }
  /** Add or remove membership: a user or a group as member of `group`. */
  | { type: 'add-membership'; member: PrincipalRef; group: string }
  | { type: 'remove-membership'; member: PrincipalRef; group: string }
  | { type: 'add-unit'; org: string; parent: string; name: string }
  | { type: 'remove-unit'; org: string; name: string }
  | { type: 'add-unit-member'; org: string; unit: string; member: PrincipalRef }
  | { type: 'remove-unit-member'; org: string; unit: string; member: PrincipalRef }
  | { type: 'add-organization'; name: string }
  | { type: 'add-thing'; name: string; template: string; owner?: string }
  | { type: 'rename-thing'; name: string; to: string }
  | { type: 'remove-thing'; name: string }
  | { type: 'add-template'; name: string; base: string }
  | { type: 'rename-template'; name: string; to: string }
  | { type: 'remove-template'; name: string }
  | { type: 'add-shape'; name: string }
  | { type: 'rename-shape'; name: string; to: string }
  | { type: 'remove-shape'; name: string }
  | {
      type: 'add-characteristic';
      collection: 'Things' | 'ThingTemplates' | 'ThingShapes';
      entity: string;
      kind: 'property' | 'service' | 'event';
      name: string;
    }
  | { type: 'add-entry'; target: EditTarget; entry: EntryValue }
  | { type: 'remove-entry'; target: EditTarget; entry: EntryValue }
  /** Added by the model format helper: */
  | { type: 'remove-organization'; name: string }
  | { type: 'add-app-key'; name: string; user: string; expires?: string; ipAllowlist?: string[] }
  | { type: 'remove-app-key'; name: string }
  | { type: 'set-owner'; collection: string; name: string; owner: string | null }
  | { type: 'set-semantics'; semantics: Partial<Semantics> }
  | { type: 'set-factory'; factory: Partial<FactoryDefaults> }
  /** Added by the equipment tree helper: a context-manager Grant or Propagate call (§7.5, §7.6), recorded in `apps.grants`. */
  | { type: 'apps-invoke'; service: string; params: Record<string, unknown> }
  /** Saved requests (`requests:` of the model file): add one, or set the expectations of some. */
  | { type: 'add-request'; request: SavedRequest }
  | { type: 'set-request-expects'; changes: RequestExpectChange[] };

/** The new expectation of saved request `index` (0-based, in the model's order). */
export type RequestExpectChange = { index: number; expect: { status?: number; body?: string } };
