/**
 * What-if (architecture.md §4): typed change sets, the incremental diff with blast radius, fix
 * suggestions and scenarios. Pure: runs unchanged in Node, Electron, a worker and the browser.
 *
 * @example
 * const r = runScenario(model, parseScenarioText(text, 'grant.yaml').scenario);
 */
export { applyChange, applyChanges, describeChange } from './change';
export type { ApplyChangesResult, ChangeError, ExtraChange, WhatIfChange } from './change';
export {
  allCallers,
  allEntities,
  callSpec,
  callerKey,
  callerKeyLabel,
  callerLabel,
  callsOnEntity,
  canonicalCaller,
  entityKey,
  keyCallers,
  regionKey,
} from './cells';
export type { CallSpec, Caller, CellSide } from './cells';
export { affectedRegion, inRegion } from './affected';
export type { Rectangle, Region } from './affected';
export { countsByCaller, describeCallerCounts, withoutCell } from './diff';
export { diffModels, scenarioModels, scenarioSteps } from './core';
export type { ScenarioModels, ScenarioStepModels } from './core';
export { diffSummary } from './summary';
export type { SummaryCell, SummaryResult, WhatIfSummary } from './summary';
export { pageOf, replayCounts, summarizeScenario, summarizeScenarioLazily } from './summary-view';
export { pagedSummary, unfiltered } from './summary-paging';
export type { PagedSummary } from './summary-paging';
export type {
  LazyScenarioSummary,
  ScenarioSummary,
  SummarizeOptions,
  SummaryFilter,
  SummaryCellsPage,
  SummaryPage,
} from './summary-view';
export type {
  CallerCounts,
  ChangeClass,
  DiffCell,
  DiffCounts,
  DiffOptions,
  DiffResult,
  DiffScope,
  EquipmentChange,
  WhatIfDiff,
} from './diff';
export { blastRadius, describeRectangle } from './blast-radius';
export type { BlastRectangle } from './blast-radius';
export {
  compareScenarios,
  replayScenario,
  runScenario,
  scenarioScope,
  watchCallers,
} from './scenario';
export type {
  Scenario,
  ScenarioError,
  ScenarioResult,
  ScenarioRun,
  ScenarioStep,
  ScenarioWatch,
} from './scenario';
export { parseScenarioText, scenarioFromValue } from './scenario-file';
export type { ParsedScenario, ScenarioParseResult } from './scenario-file';
export { suggestFixes } from './fixes';
export type { FixError, FixOptions, FixResult, FixSuggestion } from './fixes';
