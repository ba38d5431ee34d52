/**
 * Admin: the currencies the store sells, enabled or not, each with its
 * presentation rounding rule and its current rate.
 *
 * @module
 */
import { type AuditActor, recordAudit } from "../../admin/mod.ts";
import {
  type RoundingRule,
  roundingRules,
  setRoundingRule,
} from "../../pricing/mod.ts";
import { NotFound } from "../../../edge/errors.ts";
import {
  BaseCurrencyError,
  currencySettings,
  describeCurrencies,
  type Language,
  setCurrencyEnabled,
} from "../mod.ts";
import { type RateAdminView, rateViews } from "./rates.ts";
import {
  type ListPage,
  type LocalizationAdminDeps,
  pageOf,
  type PageRequest,
  retireStorefront,
  syncPrices,
} from "./_util.ts";

/**
 * A presentation rule in minor units (see `applyRounding()`): `increment`
 * a step to round to, `ending` the last digits; null in a view when the
 * currency has no rounding.
 */
export interface RoundingView {
  increment: number;
  ending: number | null;
}

/** A sold currency as the admin API shows it. */
export interface CurrencyAdminView {
  code: string;
  /** Its name in the admin's language. */
  name: string;
  symbol: string;
  /** Minor-unit digits. */
  exponent: number;
  base: boolean;
  enabled: boolean;
  rounding: RoundingView | null;
  /** The rate prices use, against the base ("1" for the base itself). */
  rate: string | null;
  source: string | null;
  asOf: string | null;
  ageSeconds: number | null;
  override: RateAdminView["override"];
}

/** What an admin may change about a currency. */
export interface CurrencyPatch {
  enabled?: boolean;
  /** The new rule; null for none. */
  rounding?: RoundingView | null;
}

function roundingView(rule: RoundingRule | undefined): RoundingView | null {
  if (!rule || (rule.increment === 1n && rule.ending === null)) return null;
  return {
    increment: Number(rule.increment),
    ending: rule.ending === null ? null : Number(rule.ending),
  };
}

async function views(
  deps: Pick<LocalizationAdminDeps, "sql" | "currencies" | "baseCurrency">,
  displayLanguage: Language,
): Promise<CurrencyAdminView[]> {
  const [settings, rules, rates] = await Promise.all([
    currencySettings(deps.sql, deps),
    roundingRules(deps.sql),
    rateViews(deps),
  ]);
  const names = describeCurrencies(deps.currencies, displayLanguage);
  return settings.map((setting, index) => {
    const rate = rates.get(setting.code);
    return {
      ...names[index],
      base: setting.isBase,
      enabled: setting.enabled,
      rounding: roundingView(rules.get(setting.code)),
      rate: setting.isBase ? "1" : rate?.rate ?? null,
      source: rate?.source ?? null,
      asOf: rate?.asOf ?? null,
      ageSeconds: rate?.ageSeconds ?? null,
      override: rate?.override ?? null,
    };
  });
}

/** A page of the sold currencies, in the configured order. */
export async function adminCurrencies(
  deps: Pick<LocalizationAdminDeps, "sql" | "currencies" | "baseCurrency">,
  options: PageRequest & { displayLanguage: Language },
): Promise<ListPage<CurrencyAdminView>> {
  return pageOf(await views(deps, options.displayLanguage), options);
}

/**
 * Enable or disable a sold currency and/or set its rounding rule, in one
 * transaction, audited (`currency.update`, with what changed before and
 * after); then reprice (a new rule changes converted prices) and retire
 * the cached storefront. Throws `NotFound` for a currency the store does
 * not sell, `BaseCurrencyError` (409) for disabling the base, and
 * `InvalidRoundingRuleError` (400) for a rule out of bounds.
 */
export async function updateCurrency(
  deps: LocalizationAdminDeps,
  options: {
    code: string;
    patch: CurrencyPatch;
    actor: AuditActor;
    displayLanguage: Language;
  },
): Promise<CurrencyAdminView> {
  const { code, patch, actor } = options;
  if (!deps.currencies.includes(code)) {
    throw new NotFound(`The store does not sell in '${code}'`, {
      details: { currency: code },
    });
  }
  if (patch.enabled === false && code === deps.baseCurrency) {
    throw new BaseCurrencyError(code);
  }
  await deps.sql.begin(async (tx) => {
    const before: CurrencyPatch = {};
    const after: CurrencyPatch = {};
    if (patch.enabled !== undefined) {
      const change = await setCurrencyEnabled(tx, {
        code,
        enabled: patch.enabled,
        currencies: deps.currencies,
        baseCurrency: deps.baseCurrency,
      });
      before.enabled = change.before.enabled;
      after.enabled = change.after.enabled;
    }
    if (patch.rounding !== undefined) {
      const change = await setRoundingRule(tx, {
        currency: code,
        rule: patch.rounding && {
          increment: BigInt(patch.rounding.increment),
          ending: patch.rounding.ending === null
            ? null
            : BigInt(patch.rounding.ending),
        },
      });
      before.rounding = roundingView(change.before ?? undefined);
      after.rounding = roundingView(change.after);
    }
    await recordAudit(tx, actor, {
      action: "currency.update",
      entityType: "currency",
      entityId: code,
      before,
      after,
    });
  });
  if (patch.rounding !== undefined) await syncPrices(deps);
  await retireStorefront(deps);
  const all = await views(deps, options.displayLanguage);
  return all.find((view) => view.code === code)!;
}
