/**
 * The what-if section of a report (architecture.md §4): a scenario run against the model through
 * shared/whatif (`summarizeScenario`: counts and blast radius over every changed cell, at any model
 * size), reduced to what a reader needs: the changes in words, the counts, the blast radius
 * rectangles, the first changed cells with why-before and why-after (explained one by one, only
 * those listed), and equipment permission changes. Nothing is invented here: a scenario that does
 * not apply gives an error.
 *
 * @example
 * const parsed = parseScenarioText(text, 'grant.yaml');
 * if (parsed.ok) scenarioReport(model, parsed.scenario); // { ok: true, value: { name, available: true, ... } }
 */
import type { Result } from '../model/result';
import { err, ok } from '../model/result';
import type { Model } from '../model/types';
import { callerLabel, summarizeScenario } from '../whatif/index';
import type { CallerCounts } from '../whatif/index';
import type { Scenario } from '../whatif/index';
import type { CallerChange, ScenarioReport } from './types';

/** Per-caller counts in words (app keys per address apart from their users). */
export const callerChanges = (list: readonly CallerCounts[]): CallerChange[] =>
  list.map(x => ({ caller: callerLabel(x.caller), ...x.counts }));

/** Changed cells listed in a report; the counts always cover all of them. */
export const SCENARIO_CELL_CAP = 500;

export function scenarioReport(
  model: Model,
  scenario: Scenario,
): Result<ScenarioReport & { truncated: boolean }> {
  // Every caller on every call the changes can affect, whatever the scenario watches: a report's
  // blast radius must not miss a user or a key (the watch list narrows the workbench, not this).
  const r = summarizeScenario(model, scenario, { scope: { kind: 'affected' } });
  if (!r.ok)
    return err(
      r.error.code,
      `scenario '${scenario.name}': ${r.error.index !== undefined ? `change ${r.error.index + 1}: ` : ''}${r.error.message}`,
    );
  const d = r.value;
  return ok({
    name: scenario.name,
    available: true,
    changes: d.changes,
    counts: { ...d.counts },
    byCaller: callerChanges(d.byCaller),
    cells: d.cells.slice(0, SCENARIO_CELL_CAP).map(c => {
      const sides = d.explain(c);
      return {
        user: callerLabel(c.caller),
        call: c.call,
        change: c.change,
        before: c.before.status,
        after: c.after.status,
        whyBefore: sides?.before.deciding ?? '',
        whyAfter: sides?.after.deciding ?? '',
      };
    }),
    blastRadius: d.blastRadius.map(b => ({
      users: b.callers,
      entities: b.entities,
      kinds: b.kinds,
      change: `${b.change} ${b.from} -> ${b.to} (${b.cells} cell${b.cells === 1 ? '' : 's'})`,
    })),
    equipment: d.equipment.map(e => ({ ...e })),
    truncated: d.cells.length > SCENARIO_CELL_CAP,
  });
}
