/**
 * The records of idempotent requests in `api.idempotency_keys`: one row per
 * caller scope and key, claimed before the request runs, completed with its
 * response, or released so that a retry can run. All SQL of that table is
 * here.
 *
 * A row is claimed by one statement (`insert ... on conflict do update ...
 * where` the row has expired), so of two concurrent claims exactly one wins
 * and a row older than the time-to-live is taken over as if it were absent.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";

/** Hours a key is remembered unless told otherwise. */
export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;

/** Which record: the caller's scope and the client's key. */
export interface IdempotencyKeyId {
  /** Who asked, and for which route (`user:<id> POST /api/orders`). */
  scope: string;
  /** The client's `Idempotency-Key`. */
  key: string;
}

/** A response kept to be replayed. */
export interface StoredResponse {
  status: number;
  /** The replayable headers, lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * What {@link claimIdempotencyKey} found: the key was free (or expired) and
 * is now this request's, or another request holds it, with its request hash
 * and, once that request finished, its response (`null` while it runs).
 */
export type IdempotencyClaim =
  | {
    claimed: true;
    /**
     * This claim's own mark (when it was taken): pass it to complete or
     * release the key, so a request that outlived its lease cannot settle
     * the claim a retry has taken over since.
     */
    claim: string;
  }
  | {
    claimed: false;
    requestHash: string;
    response: StoredResponse | null;
  };

// Between the claim that lost and the read of the winner's row, the winner
// may release it (its request failed): claim again, a bounded number of
// times, rather than report a row that is gone.
const CLAIM_ATTEMPTS = 3;

/**
 * How long an unfinished claim holds its key: past it, the request is taken
 * to have died with its instance and a retry may run.
 */
export const IN_PROGRESS_LEASE_SECONDS = 120;

/**
 * Claim `id` for a request whose fingerprint is `requestHash`. Answers
 * `{ claimed: true }` when the key was unused or its row is older than
 * `ttlHours` (24 by default; the old row is taken over in the same
 * statement) or it is an unfinished claim older than
 * {@link IN_PROGRESS_LEASE_SECONDS}, else the row that holds it. Safe under concurrency: of any
 * number of simultaneous claims of a free key exactly one succeeds.
 */
export async function claimIdempotencyKey(
  sql: Sql,
  id: IdempotencyKeyId & { requestHash: string; ttlHours?: number },
): Promise<IdempotencyClaim> {
  const ttlHours = checkHours(id.ttlHours ?? DEFAULT_IDEMPOTENCY_TTL_HOURS);
  for (let attempt = 1;; attempt++) {
    const claimed = await sql`
      insert into api.idempotency_keys (scope, key, request_hash)
      values (${id.scope}, ${id.key}, ${id.requestHash})
      on conflict (scope, key) do update set
        request_hash = excluded.request_hash,
        status = null,
        headers = null,
        body = null,
        created_at = now()
      where api.idempotency_keys.created_at
          < now() - ${ttlHours}::double precision * interval '1 hour'
        -- A claim whose request never finished (its instance died) is
        -- abandoned after a lease no request lives to see.
        or (api.idempotency_keys.status is null
          and api.idempotency_keys.created_at
            < now() - ${IN_PROGRESS_LEASE_SECONDS}::double precision * interval '1 second')
      returning created_at::text as claim`;
    if (claimed.length === 1) return { claimed: true, claim: claimed[0].claim };

    const [row] = await sql<
      {
        requestHash: string;
        status: number | null;
        headers: Record<string, string> | null;
        body: string | null;
      }[]
    >`
      select request_hash as "requestHash", status, headers, body
      from api.idempotency_keys
      where scope = ${id.scope} and key = ${id.key}`;
    if (row) {
      return {
        claimed: false,
        requestHash: row.requestHash,
        response: row.status === null ? null : {
          status: row.status,
          headers: row.headers ?? {},
          body: row.body ?? "",
        },
      };
    }
    if (attempt === CLAIM_ATTEMPTS) {
      throw new Error(
        `Cannot claim idempotency key '${id.key}': it was released ${CLAIM_ATTEMPTS} times while being claimed`,
      );
    }
  }
}

/**
 * Record the response of the request that claimed `id`, to be replayed to
 * every retry until the key expires. Only a claim still in progress is
 * completed (the one `claim` names, when given): a row that was meanwhile
 * released, taken over or already completed is left alone. Answers
 * whether a row was completed.
 */
export async function completeIdempotencyKey(
  sql: Sql,
  id: IdempotencyKeyId & { response: StoredResponse; claim?: string },
): Promise<boolean> {
  const { status, headers, body } = id.response;
  const rows = await sql`
    update api.idempotency_keys
    set status = ${status}, headers = ${sql.json(headers)}, body = ${body}
    where scope = ${id.scope} and key = ${id.key} and status is null
      ${ownClaim(sql, id.claim)}`;
  return rows.count === 1;
}

/**
 * Forget the claim of `id` because its request failed (a 5xx, a thrown
 * error), so that a retry with the same key runs again. A completed row is
 * never released. Answers whether a claim was removed.
 */
export async function releaseIdempotencyKey(
  sql: Sql,
  id: IdempotencyKeyId & { claim?: string },
): Promise<boolean> {
  const rows = await sql`
    delete from api.idempotency_keys
    where scope = ${id.scope} and key = ${id.key} and status is null
      ${ownClaim(sql, id.claim)}`;
  return rows.count === 1;
}

/**
 * Delete every record created more than `olderThanHours` ago (expired keys
 * are already treated as absent; this only reclaims the space), including
 * claims abandoned by a crashed instance. Answers how many were deleted.
 * Run it from a schedule, e.g. hourly with `olderThanHours: 24`.
 */
export async function purgeIdempotencyKeys(
  sql: Sql,
  { olderThanHours }: { olderThanHours: number },
): Promise<number> {
  const hours = checkHours(olderThanHours);
  const rows = await sql`
    delete from api.idempotency_keys
    where created_at < now() - ${hours}::double precision * interval '1 hour'`;
  return rows.count;
}

// Only the claim `claim` names, when given: created_at changes with every
// takeover, so it tells one claim of a key from the next. Compared as text:
// a parameter typed timestamptz goes through a JS Date and loses the
// microseconds that tell two claims apart.
function ownClaim(sql: Sql, claim: string | undefined) {
  return claim === undefined ? sql`` : sql`and created_at::text = ${claim}`;
}

function checkHours(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(
      `Idempotency key age must be a non-negative number of hours, got '${hours}'`,
    );
  }
  return hours;
}
