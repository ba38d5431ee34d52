import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { ensurePriceIndex, repriceCatalog } from "./price_index.ts";
import { FIXTURE_CURRENCIES, withCatalogDatabase } from "./_test_util.ts";

const options = { currencies: FIXTURE_CURRENCIES, baseCurrency: "USD" };

async function price(
  sql: Parameters<typeof repriceCatalog>[0],
  sku: string,
  currency: string,
): Promise<string | undefined> {
  const [row] = await sql`
    select vp.amount::text from catalog.variant_prices vp
    join catalog.variants v on v.id = vp.variant_id
    where v.sku = ${sku} and vp.currency = ${currency}`;
  return row?.amount;
}

Deno.test({
  name: "ensurePriceIndex() rebuilds only when what prices depend on changed",
  ignore: ignorePostgresTests,
  async fn(t) {
    await withCatalogDatabase(async (sql) => {
      await t.step("a current index is left alone", async () => {
        assert.equal(await ensurePriceIndex(sql, options), null);
      });

      await t.step("a newly sold currency gets prices", async () => {
        assert.equal(await price(sql, "BAG-1", "CHF"), undefined);
        const written = await ensurePriceIndex(sql, {
          ...options,
          currencies: [...FIXTURE_CURRENCIES, "CHF"],
        });
        assert.ok(written && written > 0);
        // 89.00 USD × 0.9913 / 1.0163 = 86.81 CHF (no rounding rule).
        assert.equal(await price(sql, "BAG-1", "CHF"), "86.8100");
      });

      await t.step("an edited rounding rule is applied", async () => {
        await sql`update pricing.rounding_rules set increment = 100
                  where currency = 'JPY'`;
        assert.ok(await ensurePriceIndex(sql, options));
        // 12089 yen, now in whole hundreds.
        assert.equal(await price(sql, "BAG-1", "JPY"), "12100.0000");
        assert.equal(await ensurePriceIndex(sql, options), null);
      });

      await t.step(
        "an invalid stored amount is skipped, not fatal",
        async () => {
          await sql`update catalog.price_list_entries set amount = 1980.5
                  where currency = 'JPY'`;
          const skipped: unknown[] = [];
          const written = await repriceCatalog(sql, {
            ...options,
            onSkip: (entry) => skipped.push(entry),
          });
          assert.ok(written > 0);
          assert.equal(skipped.length, 2, "the mug's two variants in JPY");
          assert.equal(await price(sql, "MUG-B", "JPY"), undefined);
          assert.equal(await price(sql, "MUG-B", "EUR"), "11.9500");
        },
      );
    });
  },
});
