/**
 * Accounts as the back office manages them: list and search them, look one
 * up with its orders, disable and enable it, set its roles and send it a
 * password-reset link. Every write checks the staff member against the
 * database (still active, still allowed: their access token may be minutes
 * old), changes the account and records the audit row in one transaction.
 *
 * A disabled account keeps its address, roles and orders; it cannot sign
 * in (`AccountDisabled`) nor refresh a session, and disabling it revokes
 * every refresh token it holds. Access tokens already issued, to it or
 * with old roles, keep verifying until they expire (minutes): role changes
 * take effect on the account's next token refresh.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { Forbidden, Invalid, NotFound } from "../../edge/errors.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import { listOrders, type OrderPage } from "../orders/mod.ts";
import { PASSWORD_RESET_TTL_MINUTES, queuePasswordReset } from "./accounts.ts";
import { AccountNotActive, StaffActionRefused } from "./errors.ts";
import { can, isRole, ROLES, rolesOf } from "./roles.ts";
import { revokeAllSessions } from "./sessions.ts";
import type { Permission, Role } from "./types.ts";
import { isUuid } from "./_util.ts";

type Db = Sql | postgres.TransactionSql;

/** Where an account stands, as admins filter by it. */
export const USER_STATUSES = ["active", "disabled", "deleted"] as const;
/** One of {@link USER_STATUSES}. */
export type UserStatus = typeof USER_STATUSES[number];

/** An account in the admin list. */
export interface AdminUserSummary {
  id: string;
  /** The normalized address (`deleted-<id>@invalid` once deleted). */
  email: string;
  name: string;
  status: UserStatus;
  /** Sorted from least to most powerful. */
  roles: Role[];
  emailVerified: boolean;
  createdAt: Date;
  /** The last successful sign-in; null when none since it was recorded. */
  lastSignInAt: Date | null;
  disabledAt: Date | null;
  preferredLanguage: string | null;
  preferredCurrency: string | null;
}

/** An account as its admin detail shows it, with a page of its orders. */
export interface AdminUser extends AdminUserSummary {
  phone: string | null;
  marketingConsent: boolean;
  updatedAt: Date;
  deletedAt: Date | null;
  /** Sessions (refresh-token families) that can still refresh. */
  activeSessions: number;
  /** The account's orders, newest first. */
  orders: OrderPage;
}

/** A page of the admin list, newest account first. */
export interface AdminUserPage {
  items: AdminUserSummary[];
  /** Pass as `cursor` for the next page; `null` on the last. */
  nextCursor: string | null;
}

/** What {@link listUsers} can filter by. */
export interface UserFilter {
  /** A case-insensitive part of the email address or the name. */
  q?: string;
  /** Only accounts holding this role. */
  role?: Role;
  /** Only accounts in this state; without it, all but deleted ones. */
  status?: UserStatus;
  /** Page size (50). */
  limit?: number;
  /** A page's `nextCursor`. */
  cursor?: string;
}

// Postgres's text form of a timestamptz, as the cursor keeps it.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

const SUMMARY_COLUMNS = (sql: Db) =>
  sql`
  u.id, u.email, u.name, u.status,
  array(select role from identity.user_roles r where r.user_id = u.id)
    as roles,
  u.email_verified_at is not null as "emailVerified",
  u.created_at as "createdAt", u.last_sign_in_at as "lastSignInAt",
  u.disabled_at as "disabledAt",
  u.preferred_language as "preferredLanguage",
  u.preferred_currency as "preferredCurrency"`;

function sortRoles(roles: readonly string[]): Role[] {
  return roles.filter(isRole).sort((a, b) =>
    ROLES.indexOf(a) - ROLES.indexOf(b)
  );
}

/**
 * Accounts newest first, `limit` (50) at a time: searched by a part of
 * the email or name (case-insensitive), filtered by role and status
 * (deleted, anonymised accounts only when asked for). An unreadable
 * cursor is `null` (the caller answers 400).
 */
export async function listUsers(
  sql: Sql,
  filter: UserFilter = {},
): Promise<AdminUserPage | null> {
  const after = filter.cursor ? readUserCursor(filter.cursor) : undefined;
  if (after === null) return null;
  const limit = filter.limit ?? 50;
  const q = filter.q?.normalize("NFC").trim();
  const pattern = q ? `%${q.replace(/[%_\\]/g, "\\$&")}%` : undefined;
  const rows = await sql`
    select ${SUMMARY_COLUMNS(sql)}, u.created_at::text as created_key
    from identity.users u
    where ${
    filter.status
      ? sql`u.status = ${filter.status}`
      : sql`u.status <> 'deleted'`
  }
      ${
    pattern
      ? sql`and (u.email ilike ${pattern} or u.name ilike ${pattern})`
      : sql``
  }
      ${
    filter.role
      ? sql`and exists (
          select 1 from identity.user_roles r
          where r.user_id = u.id and r.role = ${filter.role})`
      : sql``
  }
      ${
    after
      // As text: a JS Date would lose the microseconds that order rows.
      ? sql`and (u.created_at, u.id) < (${after.at}::text::timestamptz, ${after.id}::uuid)`
      : sql``
  }
    order by u.created_at desc, u.id desc
    limit ${limit + 1}`;
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map(toSummary),
    nextCursor: rows.length > limit && last
      ? btoa(JSON.stringify([last.created_key, last.id]))
      : null,
  };
}

function readUserCursor(cursor: string): { at: string; id: string } | null {
  try {
    const [at, id] = JSON.parse(atob(cursor));
    return typeof at === "string" && TIMESTAMP.test(at) && isUuid(id)
      ? { at, id }
      : null;
  } catch {
    return null;
  }
}

// deno-lint-ignore no-explicit-any
function toSummary(row: Record<string, any>): AdminUserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    roles: sortRoles(row.roles),
    emailVerified: row.emailVerified,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
    disabledAt: row.disabledAt,
    preferredLanguage: row.preferredLanguage,
    preferredCurrency: row.preferredCurrency,
  };
}

/** What {@link adminUserDetail} needs. */
export interface AdminUserDetailOptions {
  userId: string;
  /** Orders per page (20). */
  ordersLimit?: number;
  /** Continue the orders after this one (from `readOrderCursor`). */
  ordersAfter?: { placedAt: string; id: string };
}

/**
 * One account as admins see it, deleted ones included: profile, roles,
 * status, when it was created, last signed in, disabled or deleted, how
 * many sessions can still refresh, and a page of its orders (those placed
 * while signed in to it). Throws `NotFound` for an unknown id.
 */
export async function adminUserDetail(
  sql: Sql,
  options: AdminUserDetailOptions,
): Promise<AdminUser> {
  const { userId } = options;
  if (!isUuid(userId)) throw new NotFound("No such account");
  const [row] = await sql`
    select ${SUMMARY_COLUMNS(sql)}, u.phone,
      u.marketing_consent as "marketingConsent",
      u.updated_at as "updatedAt", u.deleted_at as "deletedAt",
      (select count(distinct t.family_id)::int from identity.refresh_tokens t
        where t.user_id = u.id and t.revoked_at is null
          and t.rotated_at is null and t.expires_at > now())
        as "activeSessions"
    from identity.users u
    where u.id = ${userId}`;
  if (row === undefined) throw new NotFound("No such account");
  const orders = await listOrders(sql, {
    userId,
    limit: options.ordersLimit ?? 20,
    after: options.ordersAfter,
  });
  return {
    ...toSummary(row),
    phone: row.phone,
    marketingConsent: row.marketingConsent,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    activeSessions: row.activeSessions,
    orders,
  };
}

/**
 * The staff member's roles, read under the transaction: throws `Forbidden`
 * unless their account is active and its roles allow `permission` now.
 */
async function staffRoles(
  tx: postgres.TransactionSql,
  actor: AuditActor,
  permission: Permission,
): Promise<Role[]> {
  if (!isUuid(actor.id)) throw new Forbidden();
  const [staff] = await tx<{ status: string }[]>`
    select status from identity.users where id = ${actor.id} for share`;
  const roles = staff?.status === "active" ? await rolesOf(tx, actor.id) : [];
  if (!can(roles, permission)) throw new Forbidden();
  return roles;
}

interface LockedUser {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  language: string | null;
  disabledAt: Date | null;
}

/** Lock an account that is not deleted; `NotFound` otherwise. */
async function lockUser(
  tx: postgres.TransactionSql,
  userId: string,
): Promise<LockedUser> {
  const [user] = await tx<LockedUser[]>`
    select id, email, name, status, preferred_language as language,
      disabled_at as "disabledAt"
    from identity.users
    where id = ${userId} and status <> 'deleted'
    for update`;
  if (user === undefined) throw new NotFound("No such account");
  return user;
}

/** What {@link disableUser} and {@link enableUser} need. */
export interface UserStatusOptions {
  userId: string;
  /** Why, kept in the audit row. */
  reason?: string;
}

/** What {@link disableUser} and {@link enableUser} answer. */
export interface UserStatusChange {
  user: AdminUserSummary;
  /** False when the account already was in that state (nothing written). */
  changed: boolean;
  /** Refresh tokens revoked (disabling only). */
  sessionsRevoked: number;
}

/**
 * Disables an account on behalf of `actor` (allowed `customers:write`):
 * it can no longer sign in (`AccountDisabled`), and every refresh token it
 * holds is revoked, so each of its sessions ends at its next refresh (its
 * access tokens expire within minutes). Audited as `user.disable`. Nobody
 * may disable themselves, and only a super admin may disable a super admin
 * (`StaffActionRefused`, 403). Disabling a disabled account changes
 * nothing. Throws `NotFound` for an unknown or deleted account.
 */
export async function disableUser(
  sql: Sql,
  actor: AuditActor,
  options: UserStatusOptions,
): Promise<UserStatusChange> {
  return await changeStatus(sql, actor, { ...options, to: "disabled" });
}

/**
 * Enables a disabled account again on behalf of `actor` (allowed
 * `customers:write`): it can sign in with its password (its old sessions
 * stay ended). Audited as `user.enable`. Nobody may enable themselves
 * (403). Enabling an active account changes nothing. Throws `NotFound`
 * for an unknown or deleted account.
 */
export async function enableUser(
  sql: Sql,
  actor: AuditActor,
  options: UserStatusOptions,
): Promise<UserStatusChange> {
  return await changeStatus(sql, actor, { ...options, to: "active" });
}

async function changeStatus(
  sql: Sql,
  actor: AuditActor,
  options: UserStatusOptions & { to: "active" | "disabled" },
): Promise<UserStatusChange> {
  const { userId, to, reason } = options;
  if (!isUuid(userId)) throw new NotFound("No such account");
  if (userId === actor.id) {
    throw new StaffActionRefused(
      "cannot_change_own_status",
      to === "disabled"
        ? "You cannot disable your own account"
        : "You cannot enable your own account",
    );
  }
  return await sql.begin(async (tx) => {
    const actorRoles = await staffRoles(tx, actor, "customers:write");
    const user = await lockUser(tx, userId);
    const roles = await rolesOf(tx, userId);
    if (
      to === "disabled" && roles.includes("super_admin") &&
      !can(actorRoles, "roles:grant")
    ) {
      throw new StaffActionRefused(
        "cannot_disable_super_admin",
        "Only a super admin can disable a super admin",
      );
    }
    if (user.status === to) {
      return {
        user: await summaryOf(tx, userId),
        changed: false,
        sessionsRevoked: 0,
      };
    }
    await tx`
      update identity.users
      set status = ${to},
        disabled_at = ${to === "disabled" ? tx`now()` : null},
        updated_at = now()
      where id = ${userId}`;
    const sessionsRevoked = to === "disabled"
      ? await revokeAllSessions(tx, userId)
      : 0;
    const summary = await summaryOf(tx, userId);
    await recordAudit(tx, actor, {
      action: to === "disabled" ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      before: { status: user.status, disabledAt: user.disabledAt },
      after: {
        status: summary.status,
        disabledAt: summary.disabledAt,
        ...(to === "disabled" ? { sessionsRevoked } : {}),
        ...(reason ? { reason } : {}),
      },
    });
    return { user: summary, changed: true, sessionsRevoked };
  });
}

async function summaryOf(
  tx: postgres.TransactionSql,
  userId: string,
): Promise<AdminUserSummary> {
  const [row] = await tx`
    select ${SUMMARY_COLUMNS(tx)} from identity.users u where u.id = ${userId}`;
  return toSummary(row);
}

/** What {@link setUserRoles} needs. */
export interface SetUserRolesOptions {
  userId: string;
  /** The roles the account should hold; `customer` is always kept. */
  roles: readonly string[];
}

/** What {@link setUserRoles} answers. */
export interface UserRolesChange {
  userId: string;
  /** The roles now held, sorted. */
  roles: Role[];
  /** The roles held before, sorted. */
  previousRoles: Role[];
  /** False when the account already held exactly these roles. */
  changed: boolean;
  /**
   * When the change reaches the account's access tokens: at their next
   * refresh (or sign-in); tokens already issued keep their old roles
   * until they expire.
   */
  takesEffect: "next_token_refresh";
}

/**
 * Sets the roles of an active or disabled account on behalf of `actor`,
 * who must be an active super admin (`roles:grant`, checked against the
 * database; `Forbidden` otherwise). `customer` is always kept; a super
 * admin cannot take away their own `super_admin` role
 * (`StaffActionRefused`, 403). Granted roles record who granted them.
 * Audited as `user.roles` with the roles before and after (nothing is
 * written when they are the same). Throws `Invalid` (`unknown_role`) for a
 * role that does not exist and `NotFound` for an unknown or deleted
 * account. The change takes effect at the account's next token refresh.
 */
export async function setUserRoles(
  sql: Sql,
  actor: AuditActor,
  options: SetUserRolesOptions,
): Promise<UserRolesChange> {
  const { userId } = options;
  const unknown = options.roles.find((role) => !isRole(role));
  if (unknown !== undefined) {
    throw new Invalid(`'${String(unknown).slice(0, 40)}' is not a role`, {
      code: "unknown_role",
    });
  }
  const next = sortRoles([...new Set(["customer", ...options.roles])]);
  if (!isUuid(userId)) throw new NotFound("No such account");
  return await sql.begin(async (tx) => {
    await staffRoles(tx, actor, "roles:grant");
    await lockUser(tx, userId);
    const before = await rolesOf(tx, userId);
    if (
      userId === actor.id && before.includes("super_admin") &&
      !next.includes("super_admin")
    ) {
      throw new StaffActionRefused(
        "cannot_remove_own_super_admin",
        "You cannot remove your own super_admin role; ask another super admin",
      );
    }
    const result = (changed: boolean): UserRolesChange => ({
      userId,
      roles: next,
      previousRoles: before,
      changed,
      takesEffect: "next_token_refresh",
    });
    const removed = before.filter((role) => !next.includes(role));
    const added = next.filter((role) => !before.includes(role));
    if (removed.length === 0 && added.length === 0) return result(false);
    if (removed.length > 0) {
      await tx`
        delete from identity.user_roles
        where user_id = ${userId} and role = any(${removed})`;
    }
    for (const role of added) {
      await tx`
        insert into identity.user_roles (user_id, role, granted_by)
        values (${userId}, ${role}, ${actor.id})`;
    }
    await recordAudit(tx, actor, {
      action: "user.roles",
      entityType: "user",
      entityId: userId,
      before: { roles: before },
      after: { roles: next },
    });
    return result(true);
  });
}

/** What {@link sendPasswordReset} needs. */
export interface SendPasswordResetOptions {
  userId: string;
  /** The reset link for a token, in the email's language. */
  resetUrl: (token: string, language: string) => string;
  /** The email's language when the account never chose one. */
  fallbackLanguage: string;
}

/** What {@link sendPasswordReset} answers. */
export interface PasswordResetSent {
  userId: string;
  /** Where the link went. */
  email: string;
  language: string;
  expiresInMinutes: number;
}

/**
 * Sends an active account the password-reset email of the forgot-password
 * flow, on behalf of `actor` (allowed `customers:write`): earlier links
 * stop working, the new one works for {@link PASSWORD_RESET_TTL_MINUTES}
 * minutes, in the account's language. The password itself is unchanged
 * until the owner follows the link. Audited as `user.password_reset`.
 * Throws `AccountNotActive` (409) for a disabled account and `NotFound`
 * for an unknown or deleted one.
 */
export async function sendPasswordReset(
  sql: Sql,
  actor: AuditActor,
  options: SendPasswordResetOptions,
): Promise<PasswordResetSent> {
  const { userId } = options;
  if (!isUuid(userId)) throw new NotFound("No such account");
  return await sql.begin(async (tx) => {
    await staffRoles(tx, actor, "customers:write");
    const user = await lockUser(tx, userId);
    if (user.status !== "active") {
      throw new AccountNotActive(
        "The account is disabled; enable it before sending a password reset",
      );
    }
    const [{ pending }] = await tx<{ pending: boolean }[]>`
      select exists (
        select 1 from identity.email_tokens
        where user_id = ${userId} and purpose = 'reset_password'
          and used_at is null and expires_at > now()
      ) as pending`;
    const language = user.language ?? options.fallbackLanguage;
    await queuePasswordReset(tx, {
      user,
      language,
      resetUrl: (token) => options.resetUrl(token, language),
    });
    const sent: PasswordResetSent = {
      userId,
      email: user.email,
      language,
      expiresInMinutes: PASSWORD_RESET_TTL_MINUTES,
    };
    await recordAudit(tx, actor, {
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      before: { resetLinkPending: pending },
      after: { resetLinkPending: true, sentTo: user.email, language },
    });
    return sent;
  });
}
