/**
 * A stored scenario (`whatif:list`) as the text of a scenario file, for `report:export`'s
 * `scenario: { text, fileName }`. JSON is valid YAML, and every change goes through the file
 * format's `edit:` verb (a typed change value), so nothing is lost in translation and the handler
 * validates it exactly like a scenario file from disk.
 *
 * @example
 * scenarioFileText({ name: 'Lock carol', changes: [{ type: 'user-set', user: 'carol', locked: true }] });
 * // '{"scenario":"Lock carol","changes":[{"edit":{...}}]}'
 */
import type { Scenario } from '../../../shared/whatif';

export function scenarioFileText(s: Scenario): string {
  const doc: Record<string, unknown> = {
    scenario: s.name,
    changes: s.changes.map(c => ({ edit: c })),
  };
  if (s.watch) doc['watch'] = { users: s.watch.users, calls: s.watch.calls };
  return JSON.stringify(doc, null, 2);
}

/** A file name for messages: the scenario name with letters, digits, dot, dash and underscore only. */
export function scenarioFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario'}.yaml`;
}
