/**
 * The localization module's tables: the store's languages (enabled, the
 * default) and currencies (enabled, the base). Rows are seeded from the
 * code's language list and the configured currencies; a row that is not
 * there yet reads as enabled (and `en` as the default), so a store that
 * was never seeded still answers.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { minorUnitExponent } from "../pricing/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
  textDirection,
} from "./languages.ts";

type Db = Sql | postgres.TransactionSql;

/**
 * Make sure every store language and every sold currency has its row,
 * marking `baseCurrency` as the base and `en` as the default language when
 * none is. Existing rows keep their `enabled` flag and an admin's default
 * (their choices); running it twice changes nothing.
 */
export async function seedLocalization(
  sql: Sql,
  options: { currencies: readonly string[]; baseCurrency: string },
): Promise<{ languages: number; currencies: number }> {
  return await sql.begin(async (tx) => {
    const languages = LANGUAGES.map((code, position) => ({
      code,
      direction: textDirection(code),
      position,
    }));
    await tx`
      insert into localization.languages ${tx(languages)}
      on conflict (code) do update
        set direction = excluded.direction, position = excluded.position,
            updated_at = now()
        where (languages.direction, languages.position)
          is distinct from (excluded.direction, excluded.position)`;
    await tx`
      update localization.languages set is_default = true, enabled = true,
        updated_at = now()
      where code = ${DEFAULT_LANGUAGE}
        and not exists (
          select 1 from localization.languages where is_default
        )`;
    // Clear the old base first so the one-base index never sees two.
    await tx`
      update localization.currencies set is_base = false, updated_at = now()
      where is_base and code <> ${options.baseCurrency}`;
    const currencies = options.currencies.map((code) => ({
      code,
      exponent: minorUnitExponent(code),
      is_base: code === options.baseCurrency,
    }));
    await tx`
      insert into localization.currencies ${tx(currencies)}
      on conflict (code) do update
        set exponent = excluded.exponent, is_base = excluded.is_base,
            updated_at = now()
        where (currencies.exponent, currencies.is_base)
          is distinct from (excluded.exponent, excluded.is_base)`;
    return { languages: languages.length, currencies: currencies.length };
  });
}

/** A language's admin settings. */
export interface LanguageSetting {
  code: Language;
  enabled: boolean;
  isDefault: boolean;
}

/**
 * Every store language in picker order with its settings; a language
 * without a row is enabled, and `en` is the default when no row is.
 */
export async function languageSettings(sql: Db): Promise<LanguageSetting[]> {
  const rows = await sql<
    { code: string; enabled: boolean; is_default: boolean }[]
  >`
    select code, enabled, is_default from localization.languages`;
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const anyDefault = rows.some((row) => row.is_default);
  return LANGUAGES.map((code) => ({
    code,
    enabled: byCode.get(code)?.enabled ?? true,
    isDefault: anyDefault
      ? byCode.get(code)?.is_default ?? false
      : code === DEFAULT_LANGUAGE,
  }));
}

// Rows for every language, so that updates below always find theirs.
async function ensureLanguageRows(tx: postgres.TransactionSql): Promise<void> {
  const rows = LANGUAGES.map((code, position) => ({
    code,
    direction: textDirection(code),
    position,
    is_default: false,
  }));
  await tx`
    insert into localization.languages ${tx(rows)}
    on conflict (code) do nothing`;
  await tx`
    update localization.languages set is_default = true, enabled = true
    where code = ${DEFAULT_LANGUAGE}
      and not exists (select 1 from localization.languages where is_default)`;
  // One writer at a time decides about the default.
  await tx`select code from localization.languages for update`;
}

/**
 * Enable or disable `code` on the caller's transaction and return its
 * settings before and after; `null` when the default language would be
 * disabled (the caller refuses).
 */
export async function setLanguageEnabled(
  tx: postgres.TransactionSql,
  options: { code: Language; enabled: boolean },
): Promise<{ before: LanguageSetting; after: LanguageSetting } | null> {
  await ensureLanguageRows(tx);
  const before = (await languageSettings(tx))
    .find((language) => language.code === options.code)!;
  if (before.isDefault && !options.enabled) return null;
  await tx`
    update localization.languages
    set enabled = ${options.enabled}, updated_at = now()
    where code = ${options.code} and enabled <> ${options.enabled}`;
  return { before, after: { ...before, enabled: options.enabled } };
}

/**
 * Make `code` the default language on the caller's transaction and return
 * the previous default; `null` when `code` is disabled (the caller
 * refuses: enable it first).
 */
export async function setDefaultLanguage(
  tx: postgres.TransactionSql,
  code: Language,
): Promise<{ before: Language } | null> {
  await ensureLanguageRows(tx);
  const settings = await languageSettings(tx);
  const target = settings.find((language) => language.code === code)!;
  if (!target.enabled) return null;
  const before = settings.find((language) => language.isDefault)?.code ??
    DEFAULT_LANGUAGE;
  if (before !== code) {
    await tx`
      update localization.languages set is_default = false, updated_at = now()
      where is_default`;
    await tx`
      update localization.languages set is_default = true, updated_at = now()
      where code = ${code}`;
  }
  return { before };
}

/** A sold currency's admin settings. */
export interface CurrencySetting {
  code: string;
  enabled: boolean;
  /** The store's base currency: always enabled. */
  isBase: boolean;
}

/**
 * The settings of `currencies` (the configured ones, in their order): a
 * currency without a row is enabled, and the base is always enabled.
 */
export async function currencySettings(
  sql: Db,
  options: { currencies: readonly string[]; baseCurrency: string },
): Promise<CurrencySetting[]> {
  const rows = await sql<{ code: string; enabled: boolean }[]>`
    select code, enabled from localization.currencies
    where code = any(${[...options.currencies]})`;
  const enabled = new Map(rows.map((row) => [row.code, row.enabled]));
  return options.currencies.map((code) => {
    const isBase = code === options.baseCurrency;
    return { code, enabled: isBase || (enabled.get(code) ?? true), isBase };
  });
}

/**
 * Enable or disable the sold currency `code` on the caller's transaction
 * and return its settings before and after. The caller has checked that
 * it is sold and not the base.
 */
export async function setCurrencyEnabled(
  tx: postgres.TransactionSql,
  options: {
    code: string;
    enabled: boolean;
    currencies: readonly string[];
    baseCurrency: string;
  },
): Promise<{ before: CurrencySetting; after: CurrencySetting }> {
  const { code, enabled } = options;
  const [before] = await currencySettings(tx, {
    ...options,
    currencies: [code],
  });
  await tx`
    insert into localization.currencies (code, exponent, enabled, is_base)
    values (${code}, ${minorUnitExponent(code)}, ${enabled},
      ${code === options.baseCurrency})
    on conflict (code) do update
      set enabled = excluded.enabled, updated_at = now()
      where currencies.enabled <> excluded.enabled`;
  return { before, after: { ...before, enabled } };
}
