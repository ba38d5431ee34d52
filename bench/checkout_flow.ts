/**
 * The checkout under load: how many orders a running store places per
 * second while its concurrency rules are on, measured apart from the
 * autocannon targets because every order needs a fresh quote of its own.
 *
 * `shoppers` virtual guests each loop, after an unmeasured warm-up, through
 * a whole purchase: a new guest cart (its own cookie) → `POST
 * /api/cart/items` with one unit of one of the same two popular variants
 * (so the shoppers contend on the same inventory rows: the conditional
 * `UPDATE` that reserves stock and the row locks it takes are what is
 * measured) → `POST /api/checkout/quote` to New York → `POST /api/orders`
 * with an `Idempotency-Key` → `POST /api/orders/{id}/cancel`. Only the
 * order placement is timed. Cancelling gives the reserved stock back, so a
 * run of any length never sells out; the orders it leaves are all cancelled.
 *
 * A 409 (sold out, or the quote changed) ends a round and is counted; any
 * other unexpected answer is a failure, reported with its status and body.
 * Run it alone against a store with `deno run -A bench/checkout_flow.ts
 * <origin> [--duration=S] [--warmup=S] [--shoppers=N]`.
 *
 * @module
 */
import { Guest, type Reply, stockedVariants, truncate } from "./_guest.ts";
import { percentile } from "./_load.ts";
import { OptionsError, parseOptions } from "./_options.ts";
import { checkoutFailures, checkoutTable } from "./_report.ts";

/** How the flow is run. */
export interface CheckoutFlowOptions {
  /** Concurrent virtual shoppers. */
  shoppers: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds of the same load first; 0 skips it. */
  warmup: number;
  /** Stops the shoppers (and rejects) when it aborts. */
  signal?: AbortSignal;
  /** Where progress lines go. */
  log?: (line: string) => void;
}

/** An answer a round did not expect; status 0 when none came. */
export interface Failure {
  /** The request, e.g. `POST /api/orders`. */
  request: string;
  status: number;
  /** The answer's body (or the error's message), cut to 500 characters. */
  body: string;
}

/** What one shopper's round through the checkout came to. */
export interface Round {
  /** Milliseconds `POST /api/orders` took, when it answered 201. */
  placedMs?: number;
  /** The error code of a 409 that ended the round, e.g. `out_of_stock`. */
  conflict?: string;
  /** The unexpected answer that ended the round. */
  failure?: Failure;
}

/** The flow's figures over the measured rounds. */
export interface CheckoutSummary {
  /** Seconds the measured rounds took, from the first start to the last end. */
  seconds: number;
  rounds: number;
  /** Orders placed (201). */
  placed: number;
  /** Orders placed per measured second. */
  ordersPerSecond: number;
  /** Latency of order placement, over the 201 answers. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Rounds ended by a 409 (sold out, or the quote changed). */
  conflicts: number;
  /** The 409s per error code. */
  conflictCodes: Record<string, number>;
  /** Rounds that got an answer other than the expected one or a 409. */
  failures: number;
  /** Each distinct failing request and status, counted, with its first body. */
  failureKinds: (Failure & { count: number })[];
}

/** A measured run of the flow: the summary, who shopped and what they bought. */
export interface CheckoutFlowResult extends CheckoutSummary {
  shoppers: number;
  /** The SKUs every shopper buys one of, in turn. */
  skus: string[];
}

/** The variants all shoppers buy: few, so that they contend. */
const SHARED_VARIANTS = 2;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 2_000;

const QUOTE = { country: "US", region: "NY" };
const ORDER = {
  email: "bench@example.com",
  shipping: {
    address: {
      name: "Load Tester",
      line1: "1 Main St",
      city: "New York",
      region: "NY",
      postalCode: "10001",
      country: "US",
    },
  },
  gateway: "test",
};

/**
 * Count `rounds` measured over `seconds`: orders per second, placement
 * latency percentiles, 409s per code and failures per request and status.
 */
export function summarizeRounds(
  rounds: readonly Round[],
  seconds: number,
): CheckoutSummary {
  const latencies: number[] = [];
  const conflictCodes: Record<string, number> = {};
  const kinds = new Map<string, Failure & { count: number }>();
  let conflicts = 0;
  let failures = 0;
  for (const round of rounds) {
    if (round.placedMs !== undefined) latencies.push(round.placedMs);
    if (round.conflict !== undefined) {
      conflicts++;
      conflictCodes[round.conflict] = (conflictCodes[round.conflict] ?? 0) + 1;
    }
    if (round.failure) {
      failures++;
      const key = `${round.failure.request} ${round.failure.status}`;
      const kind = kinds.get(key);
      if (kind) kind.count++;
      else kinds.set(key, { ...round.failure, count: 1 });
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    seconds,
    rounds: rounds.length,
    placed: sorted.length,
    ordersPerSecond: seconds > 0 ? sorted.length / seconds : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    conflicts,
    conflictCodes,
    failures,
    failureKinds: [...kinds.values()],
  };
}

/**
 * Run the flow against the store at `origin`: pick the shared variants,
 * warm up, then measure `options.duration` seconds of rounds and summarise
 * them. Throws when the set-up fails or `options.signal` aborts.
 */
export async function runCheckoutFlow(
  origin: string,
  options: CheckoutFlowOptions,
): Promise<CheckoutFlowResult> {
  const { shoppers, duration, warmup, signal, log = console.log } = options;
  const variants = await stockedVariants(origin, SHARED_VARIANTS);
  const skus = variants.map((variant) => variant.sku);
  const who = `${shoppers} shoppers buying ${skus.join(" or ")}`;
  if (warmup > 0) {
    log(`checkout: warming up for ${warmup} s, ${who}…`);
    await shop(warmup, []);
  }
  log(`checkout: measuring for ${duration} s, ${who}…`);
  const rounds: Round[] = [];
  const started = performance.now();
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    const sofar = summarizeRounds(rounds, elapsed);
    log(
      `checkout: ${elapsed.toFixed(0)} s, ${sofar.placed} orders placed ` +
        `(${Math.round(sofar.ordersPerSecond)}/s), ${sofar.conflicts} × 409, ` +
        `${sofar.failures} failed`,
    );
  }, PROGRESS_EVERY_MS);
  try {
    await shop(duration, rounds);
  } finally {
    clearInterval(progress);
  }
  const summary = summarizeRounds(
    rounds,
    (performance.now() - started) / 1000,
  );
  return { shoppers, skus, ...summary };

  async function shop(seconds: number, into: Round[]) {
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: shoppers }, async (_, shopper) => {
        for (let n = shopper; performance.now() < deadline; n++) {
          signal?.throwIfAborted();
          const variant = variants[n % variants.length];
          into.push(await round(origin, variant.id, signal));
        }
      }),
    );
    signal?.throwIfAborted();
  }
}

/** One purchase by a new guest, ended by the first unexpected answer. */
async function round(
  origin: string,
  variantId: string,
  signal: AbortSignal | undefined,
): Promise<Round> {
  const guest = new Guest(origin);
  let request = "POST /api/cart/items";
  let placedMs: number | undefined;
  const call = (method: string, path: string, body?: unknown) => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    return guest.call(method, path, {
      body,
      headers: path === "/api/orders"
        ? { "idempotency-key": crypto.randomUUID() }
        : {},
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  };
  try {
    const added = await call("POST", "/api/cart/items", {
      variantId,
      quantity: 1,
    });
    if (added.status !== 201) return ended(request, added);

    request = "POST /api/checkout/quote";
    const quoted = await call("POST", "/api/checkout/quote", QUOTE);
    if (quoted.status !== 201) return ended(request, quoted);
    const quote = JSON.parse(quoted.text) as {
      id: string;
      shippingMethod: string;
    };

    request = "POST /api/orders";
    const placed = await call("POST", "/api/orders", {
      ...ORDER,
      quoteId: quote.id,
      shippingMethod: quote.shippingMethod,
    });
    if (placed.status !== 201) return ended(request, placed);
    placedMs = placed.ms;
    const order = JSON.parse(placed.text) as { id: string };

    request = "POST /api/orders/{id}/cancel";
    const cancelled = await call("POST", `/api/orders/${order.id}/cancel`);
    // A 409 here is a failure too: the order would keep its stock.
    if (cancelled.status !== 200) {
      return { placedMs, failure: failureOf(request, cancelled) };
    }
    return { placedMs };
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
    return { placedMs, failure: { request, status: 0, body: message } };
  }
}

/** The round's end at `reply`: a 409 is a conflict, anything else a failure. */
function ended(request: string, reply: Reply): Round {
  if (reply.status !== 409) return { failure: failureOf(request, reply) };
  let code = "unknown";
  try {
    code = JSON.parse(reply.text).error?.code ?? code;
  } catch { /* not JSON: counted as unknown */ }
  return { conflict: code };
}

function failureOf(request: string, reply: Reply): Failure {
  return { request, status: reply.status, body: truncate(reply.text) };
}

if (import.meta.main) {
  const [origin, ...flags] = Deno.args;
  let options;
  try {
    options = parseOptions(flags, Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }
  if (!origin || options === "help") {
    console.log(
      "Usage: deno run -A bench/checkout_flow.ts <origin> [--duration=S] [--warmup=S] [--shoppers=N]",
    );
    Deno.exit(origin ? 0 : 2);
  }
  const result = await runCheckoutFlow(origin.replace(/\/$/, ""), options);
  // Alone, there is no baseline to compare with, nor a known database.
  const report = { ...result, database: "?", ordersRatio: NaN };
  console.log(`\n${checkoutTable(report)}`);
  for (const failure of checkoutFailures(report)) {
    console.error(`FAILED: ${failure}`);
  }
  Deno.exit(result.failures ? 1 : 0);
}
