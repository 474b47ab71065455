/**
 * The propagation form's values turned into a context-manager call (§7.6, §7.12): the service name and
 * its parameters exactly as the shipped scripts take them (`userNames` / `userGroupNames` infotables).
 * Pure, so the form, the preview and the apply button agree on one value.
 *
 * @example
 * propagationCall('DefaultContext', { target: 'group', principal: 'Operators', permission: 'Read', entityName: 'MixLine' });
 * // { service: 'PropagateUserGroupPermissionsOnEntities', params: { contextName: 'DefaultContext', entityName: 'MixLine', permissionType: 'Read', userGroupNames: { rows: [{ UserGroupName: 'Operators' }] } } }
 */
import type { AppsPermission } from '../../../shared/apps/names';

export type PropagationForm = {
  target: 'group' | 'user';
  principal: string;
  permission: AppsPermission;
  /** '' = every equipment of the context (§7.6, §10.22). */
  entityName: string;
};

export type AppsCall = { service: string; params: Record<string, unknown> };

export function propagationCall(context: string, form: PropagationForm): AppsCall {
  const who =
    form.target === 'group'
      ? { userGroupNames: { rows: [{ UserGroupName: form.principal }] } }
      : { userNames: { rows: [{ UserName: form.principal }] } };
  return {
    service:
      form.target === 'group'
        ? 'PropagateUserGroupPermissionsOnEntities'
        : 'PropagateUserPermissionsOnEntities',
    params: {
      contextName: context,
      entityName: form.entityName.trim(),
      permissionType: form.permission,
      ...who,
    },
  };
}

/** A stable key of a call: a preview belongs to exactly the call it was made for. */
export function callKey(call: AppsCall): string {
  return JSON.stringify([call.service, call.params]);
}

/** What is missing before the form can be sent, or null. */
export function formProblem(form: PropagationForm): string | null {
  if (form.principal.trim() === '') return `Choose the ${form.target} to propagate to.`;
  return null;
}
