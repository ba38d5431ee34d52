/**
 * Manual exchange-rate overrides (`pricing.rate_overrides`): an admin's rate
 * for one currency against the store's base currency, in force until it
 * expires. `latestRates()` lays the active ones over the feed's table, so
 * every price, quote and conversion uses them while they last and the
 * feed's rate again afterwards; the feed's own rows are never touched.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../../db/client.ts";
import {
  OVERRIDE_SOURCE,
  type RateProvenance,
  type RateTable,
} from "../convert.ts";
import { isCurrencyCode } from "../currency.ts";
import { multiplyDecimals, trimZeros } from "../_decimal.ts";
import {
  InvalidRateError,
  InvalidRateOverrideError,
  UnknownCurrencyError,
} from "../errors.ts";

type Db = Sql | postgres.TransactionSql;

/** The longest an override may last, in days. */
export const MAX_OVERRIDE_DAYS = 30;

/**
 * The base of a table whose feed base is itself overridden: ISO 4217's
 * "no currency" code, a pure unit of account. Re-basing on it keeps every
 * rate an exact product of decimals (re-basing on a real currency would
 * divide, which a decimal cannot always hold).
 */
export const UNIT_OF_ACCOUNT = "XXX";

const DAY_MS = 24 * 60 * 60 * 1000;
const RATE_SIGNIFICANT_DIGITS = 12;
const MAX_RATE_INTEGER_DIGITS = 9;

/** An admin's rate for one currency, as stored. */
export interface RateOverride {
  currency: string;
  /** The currency the rate is quoted against (the store's base when set). */
  base: string;
  /** Units of `currency` per 1 `base`, trailing zeros dropped. */
  rate: string;
  expiresAt: Date;
  /** The admin who set it. */
  setBy: string | null;
  /** When it was last set: the age the API shows for it. */
  updatedAt: Date;
}

interface OverrideRow {
  currency: string;
  base: string;
  rate: string;
  expires_at: Date;
  set_by: string | null;
  updated_at: Date;
}

function toOverride(row: OverrideRow): RateOverride {
  return {
    currency: row.currency,
    base: row.base,
    rate: trimZeros(row.rate),
    expiresAt: row.expires_at,
    setBy: row.set_by,
    updatedAt: row.updated_at,
  };
}

/**
 * Read an admin's rate exactly: a plain positive decimal ("1.0832"), below
 * 10^9 and of at most 12 significant digits (so the API shows it back
 * digit for digit), returned without leading or trailing zeros. Throws
 * `InvalidRateError` (400) otherwise.
 */
export function parseRate(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new InvalidRateError(text, "not a plain decimal");
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (!/[1-9]/.test(whole + fraction)) {
    throw new InvalidRateError(text, "not positive");
  }
  if (whole.length > MAX_RATE_INTEGER_DIGITS) {
    throw new InvalidRateError(text, "too large");
  }
  const significant = (whole + fraction).replace(/^0+/, "");
  if (significant.length > RATE_SIGNIFICANT_DIGITS) {
    throw new InvalidRateError(
      text,
      `more than ${RATE_SIGNIFICANT_DIGITS} significant digits`,
    );
  }
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The overrides in force now (not yet expired), by currency. */
export async function activeRateOverrides(sql: Db): Promise<RateOverride[]> {
  const rows = await sql<OverrideRow[]>`
    select currency, base, rate::text as rate, expires_at, set_by, updated_at
    from pricing.rate_overrides
    where expires_at > now()
    order by currency`;
  return rows.map(toOverride);
}

/**
 * Set `currency`'s override on the caller's transaction (replacing any),
 * and return it before (null when there was none in force) and after.
 * Throws `UnknownCurrencyError` for a code that is no currency,
 * `InvalidRateError` for a malformed rate and `InvalidRateOverrideError`
 * for the base currency itself or an expiry not in the future or more
 * than {@link MAX_OVERRIDE_DAYS} days ahead. The caller reprices.
 */
export async function putRateOverride(
  tx: postgres.TransactionSql,
  options: {
    currency: string;
    base: string;
    rate: string;
    expiresAt: Date;
    setBy: string | null;
    /** The current time (default: the clock). */
    now?: Date;
  },
): Promise<{ before: RateOverride | null; after: RateOverride }> {
  const { currency, base, expiresAt, setBy } = options;
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
  if (currency === base) {
    throw new InvalidRateOverrideError(
      `'${currency}' is the base currency: its rate is always 1`,
      { field: "currency" },
    );
  }
  const rate = parseRate(options.rate);
  const now = options.now ?? new Date();
  const latest = new Date(now.getTime() + MAX_OVERRIDE_DAYS * DAY_MS);
  if (!(expiresAt.getTime() > now.getTime())) {
    throw new InvalidRateOverrideError(
      "An override must expire in the future",
      { field: "expiresAt" },
    );
  }
  if (expiresAt.getTime() > latest.getTime()) {
    throw new InvalidRateOverrideError(
      `An override may last at most ${MAX_OVERRIDE_DAYS} days`,
      { field: "expiresAt", details: { maxDays: MAX_OVERRIDE_DAYS } },
    );
  }
  const [old] = await tx<OverrideRow[]>`
    select currency, base, rate::text as rate, expires_at, set_by, updated_at
    from pricing.rate_overrides
    where currency = ${currency} and expires_at > now()
    for update`;
  const [row] = await tx<OverrideRow[]>`
    insert into pricing.rate_overrides (currency, base, rate, expires_at, set_by)
    values (${currency}, ${base}, ${rate}, ${expiresAt}, ${setBy})
    on conflict (currency) do update
      set base = excluded.base, rate = excluded.rate,
          expires_at = excluded.expires_at, set_by = excluded.set_by,
          updated_at = now()
    returning currency, base, rate::text as rate, expires_at, set_by,
      updated_at`;
  return { before: old ? toOverride(old) : null, after: toOverride(row) };
}

/**
 * Remove `currency`'s override on the caller's transaction and return it,
 * or null when none was in force (an expired row is removed all the same).
 * The caller reprices.
 */
export async function deleteRateOverride(
  tx: postgres.TransactionSql,
  currency: string,
): Promise<RateOverride | null> {
  const rows = await tx<(OverrideRow & { active: boolean })[]>`
    delete from pricing.rate_overrides where currency = ${currency}
    returning currency, base, rate::text as rate, expires_at, set_by,
      updated_at, expires_at > now() as active`;
  return rows[0]?.active ? toOverride(rows[0]) : null;
}

/**
 * Remove the overrides that have expired and return them (empty when
 * none did), on `sql` or the caller's transaction. Prices stopped using
 * them at their expiry already; removing them tells the caller the price
 * index must catch up.
 */
export async function deleteExpiredRateOverrides(
  sql: Db,
): Promise<RateOverride[]> {
  const rows = await sql<OverrideRow[]>`
    delete from pricing.rate_overrides where expires_at <= now()
    returning currency, base, rate::text as rate, expires_at, set_by,
      updated_at`;
  return rows.map(toOverride);
}

/**
 * `table` with `overrides` in force: each overridden currency gets
 * `rate × (its base's rate in the table)`, exactly, so that the rate from
 * the override's base to it is the admin's figure, with `source`
 * {@link OVERRIDE_SOURCE} and the override's time as its date. When the
 * table's own base is overridden the table is re-based on
 * {@link UNIT_OF_ACCOUNT} (its old base listed at 1), so that no rate has
 * to be divided. An override whose base the table cannot reach is left
 * out. Without overrides, `table` itself is returned.
 */
export function applyRateOverrides(
  table: RateTable,
  overrides: readonly RateOverride[],
): RateTable {
  // Factors come from the feed's table, before any override is laid over.
  const factor = (code: string) =>
    code === table.base ? "1" : table.rates.get(code);
  const usable = overrides.filter((override) =>
    override.currency !== override.base &&
    factor(override.base) !== undefined
  );
  if (usable.length === 0) return table;
  let base = table.base;
  const rates = new Map(table.rates);
  const entries = new Map<string, RateProvenance>(table.entries ?? []);
  if (usable.some((override) => override.currency === table.base)) {
    base = UNIT_OF_ACCOUNT;
    rates.set(table.base, "1");
    entries.set(table.base, { asOf: table.asOf, source: table.source });
  }
  for (const override of usable) {
    rates.set(
      override.currency,
      multiplyDecimals(override.rate, factor(override.base)!),
    );
    entries.set(override.currency, {
      asOf: override.updatedAt,
      source: OVERRIDE_SOURCE,
    });
  }
  return {
    base,
    rates: new Map([...rates].sort(([a], [b]) => a.localeCompare(b))),
    asOf: table.asOf,
    source: table.source,
    entries,
  };
}
