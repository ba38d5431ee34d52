/**
 * Stock movements: every manual change of a variant's units on hand (a
 * delivery counted in, breakage written off, a stock-take correction), with
 * the reason given and who made it. Written in the transaction of the
 * change itself; checkout's reservations and sales are recorded by orders.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import type { AuditActor } from "../admin/mod.ts";
import type { AdminPage, StockMovement } from "./admin_types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record a movement of `delta` units on the caller's transaction. */
export async function recordStockMovement(
  tx: postgres.TransactionSql,
  movement: {
    variantId: string;
    delta: number;
    reason: string;
    quantityAfter: number;
    actor: AuditActor;
  },
): Promise<StockMovement> {
  const { actor } = movement;
  const [row] = await tx`
    insert into catalog.stock_movements
      (variant_id, delta, reason, quantity_after, actor_id, request_id)
    values (${movement.variantId}, ${movement.delta}, ${movement.reason},
            ${movement.quantityAfter}, ${UUID.test(actor.id) ? actor.id : null},
            ${actor.requestId ?? null})
    returning *`;
  return movementOf(row);
}

/**
 * A variant's stock movements, newest first, `limit` per page. Throws
 * `NotFound` for an unknown variant.
 */
export async function listStockMovements(
  sql: Sql,
  options: { variantId: string; page: number; limit: number },
): Promise<AdminPage<StockMovement>> {
  const { variantId, page, limit } = options;
  const [variant] = UUID.test(variantId)
    ? await sql`select id from catalog.variants where id = ${variantId}`
    : [];
  if (!variant) throw new NotFound(`No variant '${variantId}'`);
  const [rows, [{ total }]] = await Promise.all([
    sql`
      select * from catalog.stock_movements where variant_id = ${variantId}
      order by created_at desc, id desc
      limit ${limit} offset ${(page - 1) * limit}`,
    sql`
      select count(*)::integer as total from catalog.stock_movements
      where variant_id = ${variantId}`,
  ]);
  return { items: rows.map(movementOf), page, limit, total };
}

function movementOf(row: postgres.Row): StockMovement {
  return {
    id: row.id,
    variantId: row.variant_id,
    delta: row.delta,
    reason: row.reason,
    quantityAfter: row.quantity_after,
    actorId: row.actor_id,
    requestId: row.request_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
