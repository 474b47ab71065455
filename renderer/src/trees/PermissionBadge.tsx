import type { AppsPermission } from '../../../shared/apps/names';

/**
 * Read (blue) / Write (green) / None (grey), with an optional previewed value after an arrow. The
 * view services show both an explicit None (a grant that wrote two Denies) and no grant at all as
 * "no row" (§7.18); `noGrant` marks the second differently, because the fixes differ.
 */
export function PermissionBadge({
  permission,
  after,
  noGrant = false,
}: {
  permission: AppsPermission;
  after?: AppsPermission | undefined;
  noGrant?: boolean;
}) {
  const none = permission === 'None';
  return (
    <span className="perm-badges">
      {none && noGrant ? (
        <span
          className="perm perm-nogrant"
          title="No grant: no entry for it or its groups (the services show None)"
        >
          no grant
        </span>
      ) : (
        <span
          className={`perm perm-${permission.toLowerCase()}`}
          title={none ? 'None: a grant wrote Deny entries (§7.14)' : undefined}
        >
          {none ? '⊘ None' : permission}
        </span>
      )}
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
