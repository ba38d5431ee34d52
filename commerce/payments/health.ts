/**
 * How the payment webhooks fare, for the dashboard: inbox events that did
 * not apply cleanly and need a person (no matching payment, a different
 * amount, a dispute).
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";

/** The inbox outcomes that need a person's attention. */
export const WEBHOOK_FAILURE_OUTCOMES = [
  "unmatched",
  "amount_mismatch",
  "dispute_opened",
] as const;

/** One of {@link WEBHOOK_FAILURE_OUTCOMES}. */
export type WebhookFailureOutcome = typeof WEBHOOK_FAILURE_OUTCOMES[number];

/** What {@link webhookFailures} counts. */
export interface WebhookFailures {
  total: number;
  byOutcome: Record<WebhookFailureOutcome, number>;
  /** By gateway name, only gateways with failures. */
  byGateway: Record<string, number>;
}

/** Inbox events received since `since` whose outcome needs a person. */
export async function webhookFailures(
  sql: Sql | postgres.TransactionSql,
  options: { since: Date },
): Promise<WebhookFailures> {
  const rows = await sql<
    { gateway: string; outcome: WebhookFailureOutcome; count: number }[]
  >`
    select gateway, outcome, count(*)::integer as count
    from payments.webhook_events
    where received_at >= ${options.since}
      and outcome = any(${[...WEBHOOK_FAILURE_OUTCOMES]}::text[])
    group by gateway, outcome`;
  const byOutcome = Object.fromEntries(
    WEBHOOK_FAILURE_OUTCOMES.map((outcome) => [outcome, 0]),
  ) as Record<WebhookFailureOutcome, number>;
  const byGateway: Record<string, number> = {};
  for (const row of rows) {
    byOutcome[row.outcome] += row.count;
    byGateway[row.gateway] = (byGateway[row.gateway] ?? 0) + row.count;
  }
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return { total, byOutcome, byGateway };
}
