/**
 * `whatif:export-changes` (docs/export-changes.md): a scenario as changes for a live ThingWorx
 * server (shared/export): a shell script of REST calls, entity XML of the changed entities, or a
 * Postman collection.
 */
import { z } from 'zod';
import type { ExportChangesResult } from '../export';
import { EXPORT_FORMATS } from '../export';
import { calls, owned } from './common';
import { scenarioRefSchema } from './whatif';

export const exportCalls = calls({
  /**
   * `inverse` undoes the scenario. `baselineLabel` names the baseline in the header (default: the
   * project's name and file).
   */
  'whatif:export-changes': {
    args: z.strictObject({
      scenario: scenarioRefSchema,
      format: z.enum(EXPORT_FORMATS, { error: `one of ${EXPORT_FORMATS.join(', ')}` }),
      inverse: z.boolean().optional(),
      baselineLabel: z.string().optional(),
    }),
    result: owned<ExportChangesResult>('the exported changes'),
  },
});
