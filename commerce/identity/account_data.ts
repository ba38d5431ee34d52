/**
 * An account's data as its owner may take it away (export) or have it
 * erased (deletion), as privacy law gives every shopper the right to.
 *
 * Deletion anonymises rather than removes the account row: orders (a later
 * module) keep referring to its id, and the books must still balance.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { addressesOf, type AddressRecord } from "./address_book.ts";
import { type Profile, profileOf } from "./profile.ts";
import { revokeAllSessions } from "./sessions.ts";
import type { Role } from "./types.ts";
import { isUuid } from "./_util.ts";

/** One sign-in session (refresh token) as the export shows it. */
export interface SessionRecord {
  /** The `User-Agent` of the client that last used it, if it sent one. */
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
  /** When it was exchanged for the next token of its session. */
  rotatedAt: Date | null;
  revokedAt: Date | null;
  /** Whether it still works: not rotated, revoked or expired. */
  active: boolean;
}

/**
 * Everything the identity module keeps about an account, for its owner:
 * the profile, the roles with when they were granted, the address book and
 * the sessions. Secrets are never part of it: no password hash, no token
 * or token hash.
 */
export interface AccountExport {
  exportedAt: Date;
  profile: Profile;
  roles: { role: Role; grantedAt: Date }[];
  addresses: AddressRecord[];
  sessions: SessionRecord[];
}

/**
 * The data of an active account, read from one snapshot so its parts agree
 * with each other. Throws `NotFound` for an unknown or deleted account.
 */
export async function exportAccountData(
  sql: Sql,
  userId: string,
): Promise<AccountExport> {
  if (!isUuid(userId)) throw new NotFound("No such account");
  return await sql.begin(
    "isolation level repeatable read, read only",
    async (tx) => {
      const profile = await profileOf(tx, userId);
      const roles = await tx<{ role: Role; grantedAt: Date }[]>`
        select role, granted_at as "grantedAt"
        from identity.user_roles where user_id = ${userId}
        order by granted_at, role`;
      const addresses = await addressesOf(tx, userId);
      // Columns named one by one: `token_hash` must never leave the table.
      const sessions = await tx<SessionRecord[]>`
        select user_agent as "userAgent", created_at as "createdAt",
          expires_at as "expiresAt", rotated_at as "rotatedAt",
          revoked_at as "revokedAt",
          rotated_at is null and revoked_at is null and expires_at > now()
            as active
        from identity.refresh_tokens
        where user_id = ${userId}
        order by created_at, id`;
      return {
        exportedAt: new Date(),
        profile,
        roles: [...roles],
        addresses,
        sessions: [...sessions],
      };
    },
  );
}

/**
 * Deletes an active account, in one transaction: the row is anonymised
 * (email `deleted-<id>@invalid`, name and phone cleared, no password, no
 * preferences, status `deleted`), its addresses, roles and pending email
 * links are deleted and every session is revoked (and forgets its
 * device). The id stays, for the
 * orders that refer to it; the address is free for a new registration.
 * Access tokens already issued keep verifying until they expire (minutes),
 * but every account function answers `NotFound` for a deleted account.
 * Throws `NotFound` for an unknown or already deleted account.
 */
export async function deleteAccount(sql: Sql, userId: string): Promise<void> {
  if (!isUuid(userId)) throw new NotFound("No such account");
  await sql.begin(async (tx) => {
    const deleted = await tx`
      update identity.users
      set email = ${`deleted-${userId}@invalid`}, email_verified_at = null,
        password_hash = null, name = '', phone = null,
        preferred_language = null, preferred_currency = null,
        marketing_consent = false, status = 'deleted', deleted_at = now(),
        updated_at = now()
      where id = ${userId} and status = 'active'
      returning id`;
    if (deleted.length === 0) throw new NotFound("No such account");
    await tx`delete from identity.addresses where user_id = ${userId}`;
    await tx`delete from identity.user_roles where user_id = ${userId}`;
    await tx`delete from identity.email_tokens where user_id = ${userId}`;
    await revokeAllSessions(tx, userId);
    // The revoked rows stay (for reuse detection); what they said about
    // the shopper's devices does not.
    await tx`
      update identity.refresh_tokens set user_agent = null
      where user_id = ${userId}`;
  });
}
