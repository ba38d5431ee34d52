import assert from "node:assert/strict";
import { openDatabase } from "./client.ts";
import { ignorePostgresTests, withTempDatabase } from "./_test_util.ts";
import { migrate, MigrationChecksumError, readMigrations } from "./migrate.ts";
import { seed } from "./seed.ts";

const seedConfig = {
  CURRENCIES: ["USD", "EUR", "JPY", "KWD"],
  BASE_CURRENCY: "USD",
};

Deno.test("readMigrations() lists db/migrations in order", async () => {
  const migrations = await readMigrations();
  assert.ok(migrations.length >= 1);
  assert.equal(migrations[0].name, "0001_module_schemas.sql");
  const names = migrations.map((m) => m.name);
  assert.deepEqual(names, [...names].sort());
  assert.equal(
    new Set(migrations.map((m) => m.version)).size,
    migrations.length,
  );
});

Deno.test({
  name: "migrate() applies each migration once on real Postgres and records it",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      const files = await readMigrations();
      assert.deepEqual(await migrate(sql), files.map((m) => m.name));
      assert.deepEqual(await migrate(sql), []);
      const rows =
        await sql`select version, name from public.schema_migrations order by version`;
      assert.deepEqual(rows.map((r) => r.name), files.map((m) => m.name));
      const [{ count }] = await sql`
        select count(*)::int as count from information_schema.schemata
        where schema_name in ('identity', 'catalog', 'orders', 'payments', 'localization')`;
      assert.equal(count, 5);
    });
  },
});

Deno.test({
  name: "migrate() refuses to run when a landed migration was edited",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      const files = await readMigrations();
      await migrate(sql, files);
      const edited = files.map((m, i) =>
        i === 0 ? { ...m, sql: m.sql + "\n-- edit" } : m
      );
      await assert.rejects(() => migrate(sql, edited), MigrationChecksumError);
    });
  },
});

Deno.test({
  name: "migrate() rolls back a failing migration and applies nothing of it",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      const files = await readMigrations();
      await migrate(sql, files);
      const broken = [
        ...files,
        {
          version: "9998",
          name: "9998_ok.sql",
          sql: "create table public.t_ok (id int);",
        },
        {
          version: "9999",
          name: "9999_bad.sql",
          sql: "create table public.t_bad (id nope);",
        },
      ];
      await assert.rejects(() => migrate(sql, broken));
      const [{ exists }] =
        await sql`select to_regclass('public.t_ok') is not null as exists`;
      assert.equal(exists, false);
      const recorded =
        await sql`select 1 from public.schema_migrations where version = '9998'`;
      assert.equal(recorded.length, 0);
    });
  },
});

Deno.test({
  name:
    "migrate() from several instances at once applies everything exactly once",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      const results = await Promise.all([
        migrate(sql),
        migrate(sql),
        migrate(sql),
      ]);
      const applied = results.flat();
      assert.deepEqual(applied, (await readMigrations()).map((m) => m.name));
    });
  },
});

Deno.test({
  name: "seed() fills languages and currencies idempotently on real Postgres",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await seed(sql, seedConfig);
      await seed(sql, { ...seedConfig, BASE_CURRENCY: "EUR" });
      const languages =
        await sql`select code, direction from localization.languages order by position`;
      assert.equal(languages.length, 7);
      assert.deepEqual(languages.at(-1), { code: "ar", direction: "rtl" });
      const currencies = await sql`
        select code, exponent, is_base from localization.currencies order by code`;
      assert.deepEqual(currencies.map((c) => [c.code, c.exponent, c.is_base]), [
        ["EUR", 2, true],
        ["JPY", 0, false],
        ["KWD", 3, false],
        ["USD", 2, false],
      ]);
    });
  },
});

Deno.test("the embedded PGlite database persists migrations and data in DATA_DIR", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "storefront-pglite-" });
  try {
    const first = await openDatabase({
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
    });
    try {
      assert.equal(first.kind, "embedded");
      assert.ok((await migrate(first.sql)).length >= 1);
      await seed(first.sql, seedConfig);
    } finally {
      await first.close();
    }
    const second = await openDatabase({
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
    });
    try {
      assert.deepEqual(await migrate(second.sql), []);
      const [{ count }] = await second.sql`
        select count(*)::int as count from localization.currencies`;
      assert.equal(count, 4);
      // The same SQL as on real Postgres: UUIDs and exact numerics.
      const [row] = await second.sql`
        select gen_random_uuid()::text as id, 0.1::numeric + 0.2::numeric as sum`;
      assert.match(row.id, /^[0-9a-f-]{36}$/);
      assert.equal(row.sum, "0.3");
    } finally {
      await second.close();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
