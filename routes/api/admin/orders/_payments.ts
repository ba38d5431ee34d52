/**
 * Where the back office's order routes meet the payments module (the
 * orders module knows nothing of payments): an order's payments and
 * refunds for its detail page.
 *
 * @module
 */
import type { Sql } from "../../../../db/client.ts";
import {
  type Transaction,
  transactionsOf,
} from "../../../../commerce/payments/mod.ts";
import { type MoneyView, moneyView } from "../../../../commerce/pricing/mod.ts";

/** A payment attempt or a refund as staff see it (no raw gateway data). */
export interface TransactionView {
  id: string;
  gateway: string;
  gatewayTransactionId: string | null;
  status: Transaction["status"];
  amount: MoneyView;
  fee: MoneyView | null;
  /** Why a payment failed, when the gateway said (`card_declined`...). */
  failureCode: string | null;
  /** For a refund: the payment it gives money back on. */
  parentId: string | null;
  /** For a refund: why, as the admin wrote it. */
  reason: string | null;
  /** For a refund: who asked (`admin:<id>`, `system:...`). */
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The payments and refunds of `orderId`, oldest first. */
export async function orderPayments(
  sql: Sql,
  orderId: string,
  locale: string,
): Promise<{ payments: TransactionView[]; refunds: TransactionView[] }> {
  const transactions = await transactionsOf(sql, orderId);
  const view = (t: Transaction): TransactionView => ({
    id: t.id,
    gateway: t.gateway,
    gatewayTransactionId: t.gatewayTransactionId,
    status: t.status,
    amount: moneyView(t.amount, locale),
    fee: t.fee ? moneyView(t.fee, locale) : null,
    failureCode: failureCode(t.raw),
    parentId: t.parentId,
    reason: t.reason,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  });
  return {
    payments: transactions.filter((t) => t.kind === "payment").map(view),
    refunds: transactions.filter((t) => t.kind === "refund").map(view),
  };
}

function failureCode(raw: Record<string, unknown> | null): string | null {
  const code = raw?.failureCode ?? raw?.failure_code;
  return typeof code === "string" ? code : null;
}
