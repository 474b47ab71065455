/**
 * Export a what-if change set back to ThingWorx (docs/export-changes.md): the REST calls that apply
 * it and undo it (./calls.ts), the entity XML writer (./entity-xml.ts) and the three export formats
 * (./formats.ts). Pure: runs in Node, the worker and the browser.
 *
 * @example
 * const r = exportChanges(model, scenario, { format: 'script', baselineLabel: 'demo.yaml' });
 */
export { callPath, entryCall, planExport, visibilityPrincipal } from './calls';
export type { ExportPlan, NotExported, PlanResult, TwxCall } from './calls';
export {
  allPermissionBearing,
  changedEntities,
  selectionNames,
  writeCollectionsXml,
  writeEntitiesXml,
  xmlAttr,
} from './entity-xml';
export type { EntitySelection, EntityXmlOptions } from './entity-xml';
export { EXPORT_FORMATS, exportChanges, shQuote } from './formats';
export type {
  ExportChangesOptions,
  ExportChangesOutcome,
  ExportChangesResult,
  ExportFormat,
  ExpectedEffect,
} from './formats';
