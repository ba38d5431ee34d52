/**
 * The audit log: every admin write records who did what to which entity,
 * with its state before and after, in the same transaction as the write
 * itself, so a change and its record are never apart. Admins browse it
 * newest first with filters.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import type { AuditActor, AuditEntry, AuditPage } from "./types.ts";

type Db = Sql | postgres.TransactionSql;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Postgres's text form of a timestamptz, as the cursor keeps it.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * Record `entry` by `actor` on the caller's transaction (the one making
 * the change). `before` and `after` are stored as JSON: pass plain data.
 */
export async function recordAudit(
  tx: postgres.TransactionSql,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const json = (value: unknown) =>
    value === undefined ? null : tx.json(value as postgres.JSONValue);
  await tx`
    insert into admin.audit_log (
      actor_id, actor_roles, action, entity_type, entity_id, before, after,
      request_id
    ) values (
      ${UUID.test(actor.id) ? actor.id : null}, ${[...actor.roles]},
      ${entry.action}, ${entry.entityType}, ${entry.entityId},
      ${json(entry.before)}, ${json(entry.after)}, ${actor.requestId ?? null}
    )`;
}

/** What the audit log can be filtered by. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** An exact action (`order.ship`) or an area (`order`). */
  action?: string;
  /** From this instant on. */
  from?: Date;
  /** Before this instant. */
  to?: Date;
  limit?: number;
  /** A page's `nextCursor`. */
  cursor?: string;
}

/**
 * The audit log, newest first, `limit` (50) at a time, filtered. An
 * unreadable cursor is `null` (the caller answers 400).
 */
export async function auditLog(
  sql: Db,
  filter: AuditFilter = {},
): Promise<AuditPage | null> {
  const after = filter.cursor ? readAuditCursor(filter.cursor) : undefined;
  if (after === null) return null;
  const limit = filter.limit ?? 50;
  const action = filter.action;
  const rows = await sql`
    select *, created_at::text as created_key from admin.audit_log
    where true
      ${filter.entityType ? sql`and entity_type = ${filter.entityType}` : sql``}
      ${filter.entityId ? sql`and entity_id = ${filter.entityId}` : sql``}
      ${
    filter.actorId
      ? UUID.test(filter.actorId)
        ? sql`and actor_id = ${filter.actorId}`
        : sql`and false`
      : sql``
  }
      ${
    action
      ? action.includes(".")
        ? sql`and action = ${action}`
        : sql`and action like ${action.replace(/[%_\\]/g, "\\$&") + ".%"}`
      : sql``
  }
      ${filter.from ? sql`and created_at >= ${filter.from}` : sql``}
      ${filter.to ? sql`and created_at < ${filter.to}` : sql``}
      ${
    after
      ? sql`and (created_at, id) < (${after.at}::text::timestamptz, ${after.id}::uuid)`
      : sql``
  }
    order by created_at desc, id desc
    limit ${limit + 1}`;
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map((row) => ({
      id: row.id,
      actorId: row.actor_id,
      actorRoles: row.actor_roles,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before ?? undefined,
      after: row.after ?? undefined,
      requestId: row.request_id,
      createdAt: row.created_at,
    })),
    nextCursor: rows.length > limit && last
      ? btoa(JSON.stringify([last.created_key, last.id]))
      : null,
  };
}

function readAuditCursor(cursor: string): { at: string; id: string } | null {
  try {
    const [at, id] = JSON.parse(atob(cursor));
    return typeof at === "string" && TIMESTAMP.test(at) &&
        typeof id === "string" && UUID.test(id)
      ? { at, id }
      : null;
  } catch {
    return null;
  }
}
