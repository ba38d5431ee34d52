/**
 * Sessions as rotating refresh tokens with reuse detection.
 *
 * A sign-in starts a family (`issueRefreshToken`). Each refresh
 * (`rotateRefreshToken`) marks the presented token rotated and issues the
 * next one in the same family, so a family is one device's session. A
 * rotated token presented again means two parties hold the session (one of
 * them stole it): the whole family is revoked and both must sign in again.
 * Only `hashToken(token)` is stored.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { InvalidRefreshToken, RefreshTokenReused } from "./errors.ts";
import { rolesOf } from "./roles.ts";
import { hashToken, isOpaqueToken, newOpaqueToken } from "./tokens.ts";
import type { IssuedRefreshToken, RotatedRefreshToken } from "./types.ts";
import { isUuid } from "./_util.ts";

/** How long a refresh token lives unless told otherwise. */
export const REFRESH_TOKEN_TTL_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;
const USER_AGENT_MAX = 512;

/** What {@link issueRefreshToken} needs. */
export interface IssueRefreshTokenOptions {
  userId: string;
  /** Continue this family; omitted, a new family (a new sign-in) starts. */
  familyId?: string;
  /** The client's `User-Agent`, kept (cut to 512 characters) for a sessions list. */
  userAgent?: string;
  /** Lifetime in days (default {@link REFRESH_TOKEN_TTL_DAYS}). */
  ttlDays?: number;
}

/**
 * Issues a refresh token for an active account, right after a sign-in:
 * a new opaque token whose hash is stored with its family and expiry. The
 * token is returned once and never again. Throws `NotFound` for an unknown
 * or deleted account.
 */
export async function issueRefreshToken(
  sql: Sql,
  options: IssueRefreshTokenOptions,
): Promise<IssuedRefreshToken> {
  if (!isUuid(options.userId)) throw new NotFound("No such account");
  const issued = await insertRefreshToken(sql, options);
  if (issued === undefined) throw new NotFound("No such account");
  return issued;
}

async function insertRefreshToken(
  sql: Sql | postgres.TransactionSql,
  options: IssueRefreshTokenOptions,
): Promise<IssuedRefreshToken | undefined> {
  const ttlDays = options.ttlDays ?? REFRESH_TOKEN_TTL_DAYS;
  if (!(ttlDays > 0)) {
    throw new RangeError(`A refresh token cannot live ${ttlDays} days`);
  }
  const token = newOpaqueToken();
  const familyId = options.familyId ?? crypto.randomUUID();
  const userAgent = options.userAgent?.slice(0, USER_AGENT_MAX) ?? null;
  const ttlMs = Math.round(ttlDays * DAY_MS);
  const [row] = await sql<{ expiresAt: Date }[]>`
    insert into identity.refresh_tokens
      (user_id, family_id, token_hash, expires_at, user_agent)
    select id, ${familyId}, ${hashToken(token)},
      now() + make_interval(secs => ${ttlMs / 1000}), ${userAgent}
    from identity.users
    where id = ${options.userId} and status = 'active'
    returning expires_at as "expiresAt"`;
  return row && { token, familyId, expiresAt: row.expiresAt };
}

/** What {@link rotateRefreshToken} needs. */
export interface RotateRefreshTokenOptions {
  /** The refresh token the client presented. */
  token: string;
  /** The client's `User-Agent`, recorded on the next token. */
  userAgent?: string;
  /** Lifetime of the next token in days (default {@link REFRESH_TOKEN_TTL_DAYS}). */
  ttlDays?: number;
}

type Rotation =
  | { outcome: "rotated"; result: RotatedRefreshToken }
  | { outcome: "invalid" }
  | { outcome: "reused"; familyId: string };

/**
 * Exchanges a refresh token for the next one in its family, and answers
 * the account and its current roles for a fresh access token. The token's
 * row is locked (`for update`), so of two concurrent refreshes with the
 * same token exactly one wins.
 *
 * - Malformed, unknown, expired or revoked, or the account is gone:
 *   `InvalidRefreshToken`.
 * - Already rotated (reuse): every token of the family is revoked, and that
 *   revocation is committed before `RefreshTokenReused` is thrown.
 *
 * Reuse is detected strictly, without a grace period: a client that sends
 * two refreshes with the same token at once (two tabs) loses its session.
 * Clients should serialize refreshes.
 */
export async function rotateRefreshToken(
  sql: Sql,
  options: RotateRefreshTokenOptions,
): Promise<RotatedRefreshToken> {
  if (!isOpaqueToken(options.token)) throw new InvalidRefreshToken();
  const tokenHash = hashToken(options.token);
  // The transaction returns (rather than throws) on reuse, so the family's
  // revocation commits; the error is thrown once it has.
  const rotation: Rotation = await sql.begin(async (tx): Promise<Rotation> => {
    const [row] = await tx<{
      id: string;
      userId: string;
      familyId: string;
      expired: boolean;
      rotated: boolean;
      revoked: boolean;
      active: boolean;
    }[]>`
      select t.id, t.user_id as "userId", t.family_id as "familyId",
        t.expires_at <= now() as expired,
        t.rotated_at is not null as rotated,
        t.revoked_at is not null as revoked,
        u.status = 'active' as active
      from identity.refresh_tokens t
      join identity.users u on u.id = t.user_id
      where t.token_hash = ${tokenHash}
      for update of t`;
    if (row === undefined || row.revoked || !row.active) {
      return { outcome: "invalid" };
    }
    if (row.rotated) {
      await revokeFamily(tx, row.familyId);
      return { outcome: "reused", familyId: row.familyId };
    }
    if (row.expired) return { outcome: "invalid" };
    await tx`
      update identity.refresh_tokens set rotated_at = now()
      where id = ${row.id}`;
    const next = await insertRefreshToken(tx, {
      userId: row.userId,
      familyId: row.familyId,
      userAgent: options.userAgent,
      ttlDays: options.ttlDays,
    });
    if (next === undefined) return { outcome: "invalid" };
    const roles = await rolesOf(tx, row.userId);
    return {
      outcome: "rotated",
      result: { ...next, userId: row.userId, roles },
    };
  });
  switch (rotation.outcome) {
    case "rotated":
      return rotation.result;
    case "reused":
      throw new RefreshTokenReused(rotation.familyId);
    case "invalid":
      throw new InvalidRefreshToken();
  }
}

async function revokeFamily(
  sql: Sql | postgres.TransactionSql,
  familyId: string,
): Promise<number> {
  const rows = await sql`
    update identity.refresh_tokens set revoked_at = now()
    where family_id = ${familyId} and revoked_at is null
    returning id`;
  return rows.length;
}

/**
 * Signs one session out (logout): revokes every token of the presented
 * token's family, so neither it nor any token rotated from it works again.
 * Harmless for a malformed, unknown or already revoked token, so logout
 * always succeeds. Answers how many tokens were revoked.
 */
export async function revokeRefreshToken(
  sql: Sql,
  token: string,
): Promise<number> {
  if (!isOpaqueToken(token)) return 0;
  const rows = await sql`
    update identity.refresh_tokens set revoked_at = now()
    where revoked_at is null and family_id = (
      select family_id from identity.refresh_tokens
      where token_hash = ${hashToken(token)}
    )
    returning id`;
  return rows.length;
}

/**
 * Signs an account out everywhere: revokes all of its refresh tokens, in
 * every family. Access tokens already issued stay valid until they expire
 * (minutes). Answers how many tokens were revoked.
 */
export async function revokeAllSessions(
  sql: Sql | postgres.TransactionSql,
  userId: string,
): Promise<number> {
  if (!isUuid(userId)) return 0;
  const rows = await sql`
    update identity.refresh_tokens set revoked_at = now()
    where user_id = ${userId} and revoked_at is null
    returning id`;
  return rows.length;
}

/**
 * Signs one session out: revokes the refresh tokens of `familyId` (the
 * session id access tokens carry as `sid`) when it belongs to `userId`.
 * Answers how many tokens were revoked.
 */
export async function revokeSession(
  sql: Sql | postgres.TransactionSql,
  options: { userId: string; familyId: string },
): Promise<number> {
  if (!isUuid(options.userId) || !isUuid(options.familyId)) return 0;
  const rows = await sql`
    update identity.refresh_tokens set revoked_at = now()
    where user_id = ${options.userId} and family_id = ${options.familyId}
      and revoked_at is null
    returning id`;
  return rows.length;
}
