/**
 * The empty model a new project starts from and the rows of a file are read into.
 *
 * @example
 * blankModel('Plant').users; // {}
 */
import type { Model } from '../../shared/model/types';
import { DEFAULT_FACTORY, DEFAULT_SEMANTICS } from '../../shared/model/types';

/** A model with nothing in it (no built-ins). Callers normally pass a compiled model instead. */
export function blankModel(name = 'Untitled'): Model {
  return {
    formatVersion: 1,
    name,
    semantics: { ...DEFAULT_SEMANTICS },
    factory: { ...DEFAULT_FACTORY },
    users: {},
    groups: {},
    organizations: {},
    shapes: {},
    templates: {},
    things: {},
    others: {},
    collections: {},
    appKeys: {},
    apps: { contexts: {}, relationships: [], grants: [] },
    requests: [],
  };
}
