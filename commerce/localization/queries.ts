import type { Sql } from "../../db/client.ts";
import { minorUnitExponent } from "../pricing/mod.ts";
import { LANGUAGES, textDirection } from "./languages.ts";

/**
 * Make sure every store language and every sold currency has its row,
 * marking `baseCurrency` as the base. Existing rows keep their `enabled` flag
 * (an admin's choice); running it twice changes nothing.
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
