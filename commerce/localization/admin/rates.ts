/**
 * Admin: exchange rates with their source and age, manual overrides with
 * an expiry, and a feed update on demand. Every change is audited and
 * followed by a reprice of the catalog, so shoppers see the prices it
 * makes on their next request.
 *
 * @module
 */
import { type AuditActor, recordAudit } from "../../admin/mod.ts";
import {
  activeRateOverrides,
  applyRateOverrides,
  deleteExpiredRateOverrides,
  deleteRateOverride,
  feedRates,
  putRateOverride,
  rateBetween,
  type RateOverride,
  type RateSource,
  type RateTable,
  updateRates,
} from "../../pricing/mod.ts";
import { RatesUpdateFailedError } from "../errors.ts";
import { NotFound } from "../../../edge/errors.ts";
import {
  type ListPage,
  type LocalizationAdminDeps,
  pageOf,
  type PageRequest,
  syncPrices,
} from "./_util.ts";

/** A rate against the base currency: its figure, source, date and age. */
export interface RateFigure {
  /** Units of the currency per 1 base unit; null when there is none. */
  rate: string | null;
  source: string | null;
  asOf: string | null;
  ageSeconds: number | null;
}

/** An override as the admin API shows it. */
export interface OverrideView {
  rate: string;
  expiresAt: string;
  setBy: string | null;
  setAt: string;
}

/**
 * One sold currency's rate: the one prices use (the override while it
 * lasts, else the feed's), the feed's, and the override if any.
 */
export interface RateAdminView extends RateFigure {
  currency: string;
  feed: RateFigure;
  override: OverrideView | null;
}

/** The admin's rate list: the base currency and a page of rates. */
export interface RateAdminList extends ListPage<RateAdminView> {
  base: string;
}

const NO_RATE: RateFigure = {
  rate: null,
  source: null,
  asOf: null,
  ageSeconds: null,
};

function figure(
  table: RateTable | null,
  options: { base: string; code: string; now: number },
): RateFigure {
  const quote = table &&
    rateBetween(table, { from: options.base, to: options.code });
  if (!quote) return NO_RATE;
  return {
    rate: quote.rate,
    source: quote.source,
    asOf: quote.asOf.toISOString(),
    ageSeconds: Math.max(
      0,
      Math.floor((options.now - quote.asOf.getTime()) / 1000),
    ),
  };
}

function overrideView(override: RateOverride): OverrideView {
  return {
    rate: override.rate,
    expiresAt: override.expiresAt.toISOString(),
    setBy: override.setBy,
    setAt: override.updatedAt.toISOString(),
  };
}

/**
 * The rate view of every sold currency but the base, by code, read fresh
 * from the database (never the cache: admins see what is stored).
 */
export async function rateViews(
  deps: Pick<LocalizationAdminDeps, "sql" | "currencies" | "baseCurrency">,
): Promise<Map<string, RateAdminView>> {
  const feed = await feedRates(deps.sql);
  const overrides = await activeRateOverrides(deps.sql);
  // What latestRates() gives every price.
  const effective = feed && applyRateOverrides(feed, overrides);
  const now = Date.now();
  const base = deps.baseCurrency;
  return new Map(
    deps.currencies.filter((code) => code !== base).map((code) => {
      const override = overrides.find((o) => o.currency === code);
      return [code, {
        currency: code,
        ...figure(effective, { base, code, now }),
        feed: figure(feed, { base, code, now }),
        override: override ? overrideView(override) : null,
      }];
    }),
  );
}

/** A page of {@link rateViews}, in the configured order. */
export async function adminRates(
  deps: Pick<LocalizationAdminDeps, "sql" | "currencies" | "baseCurrency">,
  page: PageRequest,
): Promise<RateAdminList> {
  const views = await rateViews(deps);
  return { base: deps.baseCurrency, ...pageOf([...views.values()], page) };
}

function sold(deps: LocalizationAdminDeps, code: string): void {
  if (!deps.currencies.includes(code) || code === deps.baseCurrency) {
    throw new NotFound(`The store has no exchange rate for '${code}'`, {
      details: { currency: code },
    });
  }
}

/**
 * Set an admin's rate for `code` (units per 1 base unit, an exact decimal
 * string) until `expiresAt` (in the future, at most 30 days ahead),
 * audited (`exchange_rate.override`), then reprice. Throws `NotFound` for
 * a currency the store does not sell (or the base), and what
 * `putRateOverride()` throws for a bad rate or expiry.
 */
export async function setRateOverride(
  deps: LocalizationAdminDeps,
  options: {
    code: string;
    rate: string;
    expiresAt: Date;
    actor: AuditActor;
  },
): Promise<RateAdminView> {
  const { code, actor } = options;
  sold(deps, code);
  await deps.sql.begin(async (tx) => {
    const { before, after } = await putRateOverride(tx, {
      currency: code,
      base: deps.baseCurrency,
      rate: options.rate,
      expiresAt: options.expiresAt,
      setBy: /^[0-9a-f-]{36}$/i.test(actor.id) ? actor.id : null,
    });
    await recordAudit(tx, actor, {
      action: "exchange_rate.override",
      entityType: "exchange_rate",
      entityId: code,
      before: before && overrideAudit(before),
      after: overrideAudit(after),
    });
  });
  await syncPrices(deps);
  return (await rateViews(deps)).get(code)!;
}

/**
 * Remove the admin's rate for `code`, audited
 * (`exchange_rate.clear_override`), then reprice: prices use the feed's
 * rate again. Throws `NotFound` when there is no override in force.
 */
export async function clearRateOverride(
  deps: LocalizationAdminDeps,
  options: { code: string; actor: AuditActor },
): Promise<RateAdminView> {
  const { code, actor } = options;
  sold(deps, code);
  await deps.sql.begin(async (tx) => {
    const before = await deleteRateOverride(tx, code);
    if (!before) {
      throw new NotFound(`'${code}' has no rate override`, {
        details: { currency: code },
      });
    }
    await recordAudit(tx, actor, {
      action: "exchange_rate.clear_override",
      entityType: "exchange_rate",
      entityId: code,
      before: overrideAudit(before),
      after: null,
    });
  });
  await syncPrices(deps);
  return (await rateViews(deps)).get(code)!;
}

function overrideAudit(override: RateOverride) {
  return {
    rate: override.rate,
    base: override.base,
    expiresAt: override.expiresAt.toISOString(),
  };
}

/** What a feed update an admin asked for did. */
export interface RatesUpdateView {
  ok: true;
  source: string;
  /** The feed's date of the rates it sent. */
  asOf: string;
  /** Rates stored now (0: that snapshot was stored already). */
  stored: number;
  /** Catalog prices rewritten (null: the index was current). */
  repriced: number | null;
  /** Every sold currency's rate afterwards. */
  rates: RateAdminView[];
}

// Errors whose message is written for operators; anything else is
// reported without its text (it could name a URL with a key in it).
const DESCRIBED = new Set([
  "RateFeedError",
  "CircuitOpenError",
  "TimeoutError",
]);

/**
 * Fetch `source` now (one attempt: an admin waits on it, and can press
 * again), store its rates and reprice, like the scheduled update; audited
 * (`exchange_rate.update`) whether it worked or not. Throws
 * `RatesUpdateFailedError` (502) when the feed failed, with the last known
 * rates, which stay in force.
 */
export async function updateRatesNow(
  deps: LocalizationAdminDeps,
  options: { source: RateSource; actor: AuditActor; timeoutMs?: number },
): Promise<RatesUpdateView> {
  const { source, actor } = options;
  const result = await updateRates(deps.sql, {
    source,
    logger: deps.logger,
    retries: 0,
    timeoutMs: options.timeoutMs,
  });
  const repriced = result.ok ? await syncPrices(deps) : null;
  const failure = result.ok
    ? null
    : DESCRIBED.has(result.error.name)
    ? result.error
    : new Error(`The ${source.label} feed failed unexpectedly`);
  await deps.sql.begin((tx) =>
    recordAudit(tx, actor, {
      action: "exchange_rate.update",
      entityType: "exchange_rate",
      entityId: source.name,
      after: result.ok
        ? {
          ok: true,
          asOf: result.table.asOf.toISOString(),
          stored: result.stored,
          repriced,
        }
        : { ok: false, error: failure!.message },
    })
  );
  const rates = [...(await rateViews(deps)).values()];
  if (!result.ok) {
    throw new RatesUpdateFailedError({
      source: source.label,
      cause: failure!,
      lastKnown: result.lastKnown,
      rates,
    });
  }
  return {
    ok: true,
    source: source.name,
    asOf: result.table.asOf.toISOString(),
    stored: result.stored,
    repriced,
    rates,
  };
}

/** The actor the expiry job records in the audit log. */
const SYSTEM: AuditActor = { id: "system", roles: [] };

/**
 * The scheduled step that ends overrides: remove the expired ones
 * (audited as `exchange_rate.override_expired` by the system), and bring
 * the price index in line with the rates in force: shoppers stopped
 * seeing an override's rate in conversions at its expiry, and see the
 * catalog priced at the feed's rate again from this run on. Also catches
 * up a reprice that failed earlier. Returns the overrides removed and the
 * prices rewritten (null when the index was current). Run it every minute.
 */
export async function expireRateOverrides(
  deps: LocalizationAdminDeps,
): Promise<{ expired: string[]; repriced: number | null }> {
  const expired = await deps.sql.begin(async (tx) => {
    const removed = await deleteExpiredRateOverrides(tx);
    for (const override of removed) {
      await recordAudit(tx, SYSTEM, {
        action: "exchange_rate.override_expired",
        entityType: "exchange_rate",
        entityId: override.currency,
        before: overrideAudit(override),
        after: null,
      });
    }
    return removed.map((override) => override.currency);
  });
  const repriced = await syncPrices(deps);
  return { expired, repriced };
}
