import type { AppsPermission } from '../../../shared/apps/names';

/** Read (blue) / Write (green) / None (grey), with an optional previewed value after an arrow. */
export function PermissionBadge({
  permission,
  after,
}: {
  permission: AppsPermission;
  after?: AppsPermission | undefined;
}) {
  return (
    <span className="perm-badges">
      <span className={`perm perm-${permission.toLowerCase()}`}>{permission}</span>
      {after !== undefined && (
        <>
          <span className="perm-arrow" aria-hidden="true">
            →
          </span>
          <span
            className={`perm perm-${after.toLowerCase()} perm-after`}
            aria-label={`after: ${after}`}
          >
            {after}
          </span>
        </>
      )}
    </span>
  );
}
