import assert from "node:assert/strict";
import type { Sql } from "../../db/client.ts";
import { ignorePostgresTests, withTempDatabase } from "../../db/_test_util.ts";
import { migrate } from "../../db/migrate.ts";
import { MemoryCache } from "../../edge/cache/memory.ts";
import { ReadThrough } from "../../edge/cache/read_through.ts";
import {
  LOCALIZATION_NAMESPACE,
  readStorefrontLocalization,
  seedLocalization,
  setCurrencyEnabled,
  setDefaultLanguage,
  setLanguageEnabled,
} from "./mod.ts";

const SOLD = { currencies: ["USD", "EUR", "GBP"], baseCurrency: "USD" };

Deno.test({
  name:
    "readStorefrontLocalization() offers what admins enabled, once the namespace is bumped",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      const reads = new ReadThrough(new MemoryCache({ maxEntries: 10 }));
      const read = () => readStorefrontLocalization({ sql, reads }, SOLD);
      // Before any seed: everything is offered, `en` is the default.
      assert.deepEqual(await read(), {
        languages: ["en", "de", "fr", "es", "ja", "zh", "ar"],
        defaultLanguage: "en",
        currencies: ["USD", "EUR", "GBP"],
      });
      await seedLocalization(sql, SOLD);
      await sql.begin(async (tx) => {
        assert.equal(
          await setLanguageEnabled(tx, { code: "en", enabled: false }),
          null,
          "the default cannot be disabled",
        );
        await setLanguageEnabled(tx, { code: "ja", enabled: false });
        assert.equal(await setDefaultLanguage(tx, "ja"), null);
        assert.deepEqual(await setDefaultLanguage(tx, "de"), { before: "en" });
        await setCurrencyEnabled(tx, { ...SOLD, code: "GBP", enabled: false });
      });
      // Cached until the admin flow bumps the namespace.
      assert.equal((await read()).defaultLanguage, "en");
      await reads.bumpVersion(LOCALIZATION_NAMESPACE);
      assert.deepEqual(await read(), {
        languages: ["en", "de", "fr", "es", "zh", "ar"],
        defaultLanguage: "de",
        currencies: ["USD", "EUR"],
      });
      // Seeding again keeps the admins' choices.
      await seedLocalization(sql, SOLD);
      await reads.bumpVersion(LOCALIZATION_NAMESPACE);
      assert.equal((await read()).defaultLanguage, "de");
      assert.deepEqual((await read()).currencies, ["USD", "EUR"]);
    });
  },
});

Deno.test("readStorefrontLocalization() offers everything configured when nothing answers", async () => {
  const down = (() => {
    throw new Error("connection refused");
  }) as unknown as Sql;
  const reads = new ReadThrough(new MemoryCache({ maxEntries: 10 }));
  const warnings: string[] = [];
  const offered = await readStorefrontLocalization({
    sql: down,
    reads,
    logger: { warn: (message: string) => void warnings.push(message) },
  }, SOLD);
  assert.deepEqual(offered, {
    languages: ["en", "de", "fr", "es", "ja", "zh", "ar"],
    defaultLanguage: "en",
    currencies: ["USD", "EUR", "GBP"],
  });
  assert.equal(warnings.length, 1);
});
