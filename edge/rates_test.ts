import assert from "node:assert/strict";
import { latestRates, seedPricing } from "../commerce/pricing/mod.ts";
import { ignorePostgresTests, withTempDatabase } from "../db/_test_util.ts";
import { migrate } from "../db/migrate.ts";
import { MemoryCache } from "./cache/memory.ts";
import { parseConfig } from "./config.ts";
import { createLogger, type LogLevel } from "./logger.ts";
import { rateSourceFor, refreshRates, scheduleRateUpdates } from "./rates.ts";

const xml = await Deno.readTextFile(
  new URL(
    "../commerce/pricing/rates/testdata/ecb-eurofxref-daily-2022-07-08.xml.txt",
    import.meta.url,
  ),
);

/** A fake ECB on a free loopback port answering `status` with the fixture. */
async function withFakeEcb(
  fn: (feed: { url: string; fail: (status: number) => void }) => Promise<void>,
) {
  let status = 200;
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () =>
      status === 200
        ? new Response(xml, { headers: { "content-type": "text/xml" } })
        : new Response("unavailable", { status }),
  );
  try {
    await fn({
      url:
        `http://127.0.0.1:${server.addr.port}/stats/eurofxref/eurofxref-daily.xml`,
      fail: (next) => status = next,
    });
  } finally {
    await server.shutdown();
  }
}

function recordingLogger() {
  const lines: { level: LogLevel; line: string }[] = [];
  const logger = createLogger(
    "debug",
    (line, level) => lines.push({ level, line }),
  );
  return { logger, lines };
}

Deno.test("rateSourceFor() picks the configured feed and URL", () => {
  const ecb = rateSourceFor(
    parseConfig({ ECB_RATES_URL: "http://127.0.0.1:1/x.xml" }),
  );
  assert.equal(ecb.name, "ecb");
  assert.equal(ecb.label, "ECB");
  const oxr = rateSourceFor(parseConfig({
    RATES_SOURCE: "openexchangerates",
    OPEN_EXCHANGE_RATES_APP_ID: "0123456789abcdef",
  }));
  assert.equal(oxr.name, "openexchangerates");
});

Deno.test("scheduleRateUpdates() registers nothing under APP_ENV=test", () => {
  const { logger } = recordingLogger();
  const registered = scheduleRateUpdates({
    config: parseConfig({ APP_ENV: "test" }),
    db: { sql: undefined as never },
    cache: new MemoryCache({ maxEntries: 10 }),
    logger,
  });
  assert.equal(registered, false);
});

Deno.test({
  name:
    "refreshRates() stores new rates, reprices and retires cached catalog and rates",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await seedPricing(sql);
      await withFakeEcb(async (feed) => {
        const cache = new MemoryCache({ maxEntries: 100 });
        const { logger, lines } = recordingLogger();
        const deps = {
          config: parseConfig({ APP_ENV: "test", ECB_RATES_URL: feed.url }),
          db: { sql },
          cache,
          logger,
        };
        // A cached rate table from before the update.
        assert.equal((await latestRates(sql, { cache }))?.source, "snapshot");

        const first = await refreshRates(deps);
        assert.ok(first.ok);
        assert.equal(first.stored, 31);
        assert.equal(typeof first.repriced, "number");
        assert.equal(await cache.version("catalog"), 1);
        assert.equal(
          (await latestRates(sql, { cache }))?.source,
          "ecb",
          "the cached rate table was dropped",
        );

        const again = await refreshRates(deps);
        assert.ok(again.ok);
        assert.equal(again.stored, 0);
        assert.equal(again.repriced, null, "nothing new: no repricing");
        assert.equal(await cache.version("catalog"), 1);

        feed.fail(500);
        const failed = await refreshRates(deps);
        assert.equal(failed.ok, false);
        assert.equal(failed.repriced, null);
        assert.ok(!failed.ok && failed.lastKnown?.source === "ecb");
        assert.equal(await cache.version("catalog"), 1);
        assert.ok(
          lines.some(({ level, line }) =>
            level === "warn" && line.includes("keeping the last known rates")
          ),
        );
      });
    });
  },
});

/** Run `deno task rates:update`'s script against `env`. */
async function runRatesCommand(env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      new URL("./rates.ts", import.meta.url).pathname,
    ],
    env: { ...env, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
  };
}

Deno.test({
  name:
    "`deno task rates:update` prints its progress, and errors without a stack trace",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (_sql, url) => {
      await withFakeEcb(async (feed) => {
        const env = { DATABASE_URL: url, ECB_RATES_URL: feed.url };
        const first = await runRatesCommand(env);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /^Fetching rates from ECB…$/m);
        assert.match(first.stdout, /^Stored 31 rates as of 2022-07-08$/m);
        assert.match(first.stdout, /^Repriced \d+ catalog prices$/m);

        const again = await runRatesCommand(env);
        assert.equal(again.code, 0, again.stderr);
        assert.match(
          again.stdout,
          /^The rates as of 2022-07-08 were already stored$/m,
        );

        feed.fail(503);
        const failed = await runRatesCommand(env);
        assert.equal(failed.code, 1);
        assert.match(
          failed.stderr,
          /Could not update the exchange rates: The ECB feed answered HTTP 503\nKeeping the rates as of 2022-07-08 \(ecb\)/,
        );
        assert.doesNotMatch(failed.stderr, /\n\s+at /);
      });
    });
  },
});
