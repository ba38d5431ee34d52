/**
 * The pricing module's own tables besides rates: presentation rounding
 * rules (`pricing.rounding_rules`), and the module's seeder.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { seedRates } from "./rates/queries.ts";
import {
  DEFAULT_ROUNDING_RULES,
  type RoundingRule,
  validateRoundingRule,
} from "./rounding.ts";

interface RuleRow {
  currency: string;
  increment: string;
  ending: number | null;
}

/** Every stored rounding rule, by currency code. */
export async function roundingRules(
  sql: Sql,
): Promise<Map<string, RoundingRule>> {
  const rows = await sql<RuleRow[]>`
    select currency, increment::text as increment, ending
    from pricing.rounding_rules`;
  return new Map(rows.map((row) => [row.currency, toRule(row)]));
}

/**
 * Set `currency`'s presentation rule (validated by `validateRoundingRule`),
 * on the caller's transaction, and return the rule before and after.
 * `rule: null` means "no rounding": stored as increment 1 and no ending
 * rather than deleted, so a seeded default does not come back on the next
 * seed. The price index is built from these rules: the caller reprices.
 */
export async function setRoundingRule(
  tx: postgres.TransactionSql,
  options: { currency: string; rule: Omit<RoundingRule, "currency"> | null },
): Promise<{ before: RoundingRule | null; after: RoundingRule }> {
  const after = validateRoundingRule({
    currency: options.currency,
    increment: options.rule?.increment ?? 1n,
    ending: options.rule?.ending ?? null,
  });
  const [old] = await tx<RuleRow[]>`
    select currency, increment::text as increment, ending
    from pricing.rounding_rules where currency = ${after.currency}
    for update`;
  await tx`
    insert into pricing.rounding_rules (currency, increment, ending)
    values (${after.currency}, ${after.increment.toString()},
      ${after.ending === null ? null : Number(after.ending)})
    on conflict (currency) do update
      set increment = excluded.increment, ending = excluded.ending,
          updated_at = now()`;
  return { before: old ? toRule(old) : null, after };
}

function toRule(row: RuleRow): RoundingRule {
  return {
    currency: row.currency,
    increment: BigInt(row.increment),
    ending: row.ending === null ? null : BigInt(row.ending),
  };
}

/**
 * Insert the {@link DEFAULT_ROUNDING_RULES} a currency has no rule for and
 * return how many were added. An existing row is never touched, so an
 * admin's edit survives every seed; to switch a default off, set its
 * increment to 1 and its ending to null rather than deleting the row
 * (a deleted default comes back on the next seed).
 */
export async function seedRoundingRules(sql: Sql): Promise<number> {
  const rows = DEFAULT_ROUNDING_RULES.map((rule) => ({
    currency: rule.currency,
    increment: rule.increment.toString(),
    ending: rule.ending === null ? null : Number(rule.ending),
  }));
  const inserted = await sql`
    insert into pricing.rounding_rules
      ${sql(rows, "currency", "increment", "ending")}
    on conflict (currency) do nothing
    returning currency`;
  return inserted.length;
}

/**
 * Seed the pricing module, idempotently: the bundled rate snapshot when no
 * rates are stored yet, and the default rounding rules a currency lacks.
 * Returns how many rows of each were added.
 */
export async function seedPricing(
  sql: Sql,
): Promise<{ rates: number; roundingRules: number }> {
  return {
    rates: await seedRates(sql),
    roundingRules: await seedRoundingRules(sql),
  };
}
