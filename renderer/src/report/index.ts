export { ExportDialog } from './ExportDialog';
export { useExportDialog } from './export-store';
export { exportArgs } from './export-args';
export type { ExportChoice, ExportArgsResult } from './export-args';
export { reportBlob, saveReport } from './save-report';
export { scenarioFileName, scenarioFileText } from './scenario-text';
