/**
 * One explanation step of a decision in a report's words. The decision first gets its
 * context-manager provenance (§7.14): an entry written by a ThingWorx Apps call is named by that call
 * in the step's details, so a report explains an equipment-caused answer as the Ask view does.
 *
 * @example
 * withGrantProvenance(model, evaluate(model, request)).explanation.map(stepText).at(-1)?.details; // [..., ['this Deny was written by PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext (recorded grant #2, §7.14)']]
 */
import type { Step } from '../model/decision';
import type { StepText } from './types';

export function stepText(st: Step): StepText {
  return {
    kind: st.kind,
    verdict: st.verdict,
    text: st.text,
    details: [...st.details],
    cites: [...st.cites],
  };
}
