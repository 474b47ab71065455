/**
 * The What-if workbench (docs/whatif.md): scenarios, change sets, diff, blast radius,
 * stepping, apply; and the fix suggestions panel the Ask view shows for a failing answer.
 *
 * @example
 * import { WhatIfView, FixSuggestions, useWhatIfStore } from './whatif';
 */
export { WhatIfView } from './WhatIfView';
export { FixSuggestions } from './FixSuggestions';
export { useWhatIfStore } from './whatif-store';
