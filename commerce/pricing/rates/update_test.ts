import assert from "node:assert/strict";
import {
  ignorePostgresTests,
  withTempDatabase,
} from "../../../db/_test_util.ts";
import { migrate } from "../../../db/migrate.ts";
import { TimeoutError } from "../../../edge/timeout.ts";
import {
  CircuitBreaker,
  CircuitOpenError,
  ecbSource,
  latestRates,
  RateFeedError,
  seedPricing,
  updateRates,
} from "../mod.ts";

const xml = await Deno.readTextFile(
  new URL("./testdata/ecb-eurofxref-daily-2022-07-08.xml.txt", import.meta.url),
);

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: {
    level: string;
    msg: string;
    fields?: Record<string, unknown>;
  }[] = [];
  return {
    lines,
    info: (msg: string, fields?: Record<string, unknown>) =>
      void lines.push({ level: "info", msg, fields }),
    warn: (msg: string, fields?: Record<string, unknown>) =>
      void lines.push({ level: "warn", msg, fields }),
  };
}

/**
 * A fake ECB on a free loopback port; `respond` decides each answer, and
 * `hits` counts requests.
 */
async function withFakeFeed(
  fn: (feed: {
    url: string;
    hits: () => number;
    respond: (answer: () => Response | Promise<Response>) => void;
  }) => Promise<void>,
) {
  let answer: () => Response | Promise<Response> = () => new Response(xml);
  let hits = 0;
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => {
      hits++;
      return answer();
    },
  );
  try {
    await fn({
      url: `http://127.0.0.1:${server.addr.port}/eurofxref-daily.xml`,
      hits: () => hits,
      respond: (next) => answer = next,
    });
  } finally {
    await server.shutdown();
  }
}

Deno.test({
  name:
    "updateRates() stores the feed, then keeps the last known rates when it fails",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await withFakeFeed(async (feed) => {
        const logger = recordingLogger();
        const options = {
          source: ecbSource({ url: feed.url }),
          logger,
          timeoutMs: 2000,
          retries: 2,
          backoffMs: 5,
        };
        const first = await updateRates(sql, options);
        assert.ok(first.ok);
        assert.equal(first.stored, 31);
        assert.equal(
          first.table.asOf.toISOString(),
          "2022-07-08T00:00:00.000Z",
        );
        assert.equal(logger.lines.at(-1)?.msg, "exchange rates updated");

        const again = await updateRates(sql, options);
        assert.ok(again.ok);
        assert.equal(again.stored, 0, "the same snapshot is not stored twice");

        feed.respond(() => new Response("upstream broke", { status: 500 }));
        const hitsBefore = feed.hits();
        const failed = await updateRates(sql, options);
        assert.equal(failed.ok, false);
        assert.ok(!failed.ok);
        assert.ok(failed.error instanceof RateFeedError);
        assert.match(failed.error.message, /ECB feed answered HTTP 500/);
        assert.equal(feed.hits() - hitsBefore, 3, "one try and two retries");
        assert.equal(failed.lastKnown?.rates.get("USD"), "1.0163");
        const warning = logger.lines.at(-1);
        assert.equal(warning?.level, "warn");
        assert.match(warning?.msg ?? "", /keeping the last known rates/);
        assert.equal(
          warning?.fields?.lastKnownAsOf,
          "2022-07-08T00:00:00.000Z",
        );
        // Nothing was thrown away.
        const stored = await latestRates(sql);
        assert.equal(stored?.rates.size, 31);
        assert.equal(stored?.source, "ecb");
      });
    });
  },
});

Deno.test({
  name: "updateRates() does not retry what a retry cannot fix",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await seedPricing(sql);
      await withFakeFeed(async (feed) => {
        const options = {
          source: ecbSource({ url: feed.url }),
          logger: recordingLogger(),
          retries: 3,
          backoffMs: 5,
        };
        feed.respond(() => new Response("gone", { status: 404 }));
        const notFound = await updateRates(sql, options);
        assert.ok(!notFound.ok);
        assert.equal(feed.hits(), 1);
        feed.respond(() => new Response("<html>maintenance</html>"));
        const garbage = await updateRates(sql, options);
        assert.ok(!garbage.ok);
        assert.match(garbage.error.message, /no <Cube time/);
        assert.equal(feed.hits(), 2);
        assert.equal(garbage.lastKnown?.source, "snapshot");
      });
    });
  },
});

Deno.test({
  name: "updateRates() gives up on a feed that does not answer in time",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await withFakeFeed(async (feed) => {
        feed.respond(() =>
          new Promise((resolve) =>
            setTimeout(() => resolve(new Response(xml)), 1000)
          )
        );
        const started = performance.now();
        const result = await updateRates(sql, {
          source: ecbSource({ url: feed.url }),
          logger: recordingLogger(),
          timeoutMs: 50,
          retries: 1,
          backoffMs: 5,
        });
        assert.ok(!result.ok);
        assert.ok(result.error instanceof TimeoutError);
        assert.equal(result.lastKnown, null);
        assert.equal(feed.hits(), 2);
        assert.ok(performance.now() - started < 900);
        // Let the slow answers finish before the server shuts down.
        await new Promise((resolve) => setTimeout(resolve, 1100));
      });
    });
  },
});

Deno.test({
  name: "updateRates() skips the feed while the circuit breaker is open",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await withFakeFeed(async (feed) => {
        let now = 0;
        const breaker = new CircuitBreaker({
          threshold: 2,
          coolDownMs: 60_000,
          now: () => now,
        });
        const options = {
          source: ecbSource({ url: feed.url }),
          logger: recordingLogger(),
          retries: 0,
          breaker,
        };
        feed.respond(() => new Response("down", { status: 503 }));
        assert.ok(!(await updateRates(sql, options)).ok);
        assert.ok(!(await updateRates(sql, options)).ok);
        assert.equal(feed.hits(), 2);
        const skipped = await updateRates(sql, options);
        assert.ok(!skipped.ok);
        assert.ok(skipped.error instanceof CircuitOpenError);
        assert.equal(skipped.error.retryAt.getTime(), 60_000);
        assert.equal(feed.hits(), 2, "no call while open");

        now = 60_000; // cool-down over: one trial call goes out
        feed.respond(() => new Response(xml));
        const recovered = await updateRates(sql, options);
        assert.ok(recovered.ok);
        assert.equal(feed.hits(), 3);
        assert.ok(breaker.allows());
      });
    });
  },
});

Deno.test("CircuitBreaker opens at the threshold and closes on success", () => {
  let now = 1000;
  const breaker = new CircuitBreaker({
    threshold: 3,
    coolDownMs: 500,
    now: () => now,
  });
  breaker.failed();
  breaker.failed();
  assert.ok(breaker.allows());
  breaker.failed();
  assert.equal(breaker.allows(), false);
  assert.equal(breaker.retryAt().getTime(), 1500);
  now = 1500;
  assert.ok(breaker.allows(), "half-open after the cool-down");
  breaker.failed();
  assert.equal(breaker.allows(), false, "a failed trial opens it again");
  now = 2000;
  breaker.succeeded();
  breaker.failed();
  assert.ok(breaker.allows(), "success resets the count");
});
