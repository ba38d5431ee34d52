/**
 * Roles and permissions: which roles exist, what each allows, and the
 * queries that read and grant them.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { Forbidden, Invalid, NotFound } from "../../edge/errors.ts";
import type { Permission, Role } from "./types.ts";
import { isUuid } from "./_util.ts";

/** Every role, from least to most powerful. */
export const ROLES: readonly Role[] = Object.freeze([
  "customer",
  "admin",
  "super_admin",
]);

const ADMIN_PERMISSIONS: readonly Permission[] = Object.freeze([
  "catalog:read",
  "catalog:write",
  "orders:read",
  "orders:write",
  "customers:read",
  "customers:write",
  "reviews:moderate",
  "localization:write",
  "audit:read",
]);

/**
 * What each role allows. A customer acts only on their own account, cart
 * and orders, which needs no permission; an admin runs the shop; a super
 * admin can do everything an admin can and grant roles too. Add a
 * permission here, never a role check in a route.
 */
export const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object
  .freeze({
    customer: Object.freeze([]),
    admin: ADMIN_PERMISSIONS,
    super_admin: Object.freeze<Permission[]>([
      ...ADMIN_PERMISSIONS,
      "roles:grant",
    ]),
  });

/** Whether a value is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" &&
    (ROLES as readonly string[]).includes(value);
}

/**
 * Whether any of `roles` allows `permission`. Takes plain strings, as they
 * come out of an access token's claims; strings that are not roles allow
 * nothing.
 */
export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) =>
    isRole(role) && PERMISSIONS[role].includes(permission)
  );
}

/**
 * The roles an account holds, sorted from least to most powerful; empty for
 * an unknown account.
 */
export async function userRoles(sql: Sql, userId: string): Promise<Role[]> {
  if (!isUuid(userId)) return [];
  return await rolesOf(sql, userId);
}

/**
 * The roles of an active account, read now; `null` when the account is
 * disabled, deleted or unknown. Staff routes ask this on every request, so
 * disabling someone or taking a role away works at once rather than when
 * their access token expires.
 */
export async function activeRoles(
  sql: Sql,
  userId: string,
): Promise<Role[] | null> {
  if (!isUuid(userId)) return null;
  const [user] = await sql<{ roles: Role[] }[]>`
    select coalesce(array_agg(r.role::text) filter (where r.role is not null),
      '{}') as roles
    from identity.users u
    left join identity.user_roles r on r.user_id = u.id
    where u.id = ${userId} and u.status = 'active'
    group by u.id`;
  if (user === undefined) return null;
  return user.roles.filter(isRole).sort((a, b) =>
    ROLES.indexOf(a) - ROLES.indexOf(b)
  );
}

/** Internal: `userRoles` on any connection or transaction. */
export async function rolesOf(
  sql: Sql | postgres.TransactionSql,
  userId: string,
): Promise<Role[]> {
  const rows = await sql<{ role: Role }[]>`
    select role from identity.user_roles where user_id = ${userId}`;
  return rows.map((row) => row.role).sort((a, b) =>
    ROLES.indexOf(a) - ROLES.indexOf(b)
  );
}

/** What {@link grantRole} needs. */
export interface GrantRoleOptions {
  /** The account that receives the role. */
  userId: string;
  role: Role;
  /** The account granting it; it must hold `roles:grant` (super admins). */
  grantedBy: string;
}

/**
 * Grants `role` to an active account, on behalf of `grantedBy`, who must
 * be an active account allowed `roles:grant`, else `Forbidden`. Answers
 * `granted: false` when the account already held the role (its original
 * grant is kept). Throws `NotFound` for an unknown or deleted account and
 * `Invalid` for a role that does not exist. The account's current access
 * tokens keep their old roles until their next refresh.
 */
export async function grantRole(
  sql: Sql,
  options: GrantRoleOptions,
): Promise<{ granted: boolean }> {
  const { userId, role, grantedBy } = options;
  if (!isRole(role)) {
    throw new Invalid(`'${String(role).slice(0, 40)}' is not a role`, {
      code: "unknown_role",
    });
  }
  if (!isUuid(grantedBy)) throw new Forbidden();
  if (!isUuid(userId)) throw new NotFound("No such account");
  return await sql.begin(async (tx) => {
    const [granter] = await tx<{ status: string }[]>`
      select status from identity.users where id = ${grantedBy} for share`;
    const roles = granter?.status === "active"
      ? await rolesOf(tx, grantedBy)
      : [];
    if (!can(roles, "roles:grant")) throw new Forbidden();
    const [user] = await tx`
      select 1 from identity.users
      where id = ${userId} and status = 'active'
      for share`;
    if (user === undefined) throw new NotFound("No such account");
    const inserted = await tx`
      insert into identity.user_roles (user_id, role, granted_by)
      values (${userId}, ${role}, ${grantedBy})
      on conflict (user_id, role) do nothing
      returning user_id`;
    return { granted: inserted.length === 1 };
  });
}
