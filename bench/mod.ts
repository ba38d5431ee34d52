/**
 * `deno task bench`: start the store and a bare `Deno.serve` baseline as
 * subprocesses, load each target over loopback with autocannon, and print
 * req/s, p50/p99 latency, non-2xx responses, errors and the ratio to the
 * baseline, plus each server's resident memory before and after load. Then
 * shoppers place orders against the store (`checkout_flow.ts`): orders per
 * second, the placement's p50/p99 and the ratio to the baseline's req/s.
 *
 * Results also go to `bench/results/latest.json`. The run exits non-zero when
 * any target got a non-2xx response or an error, or the checkout flow got an
 * answer other than the expected one or a 409. It never judges speed: the
 * figures are printed, not asserted. Targets live in `targets.ts`.
 *
 * @module
 */
import { runCheckoutFlow } from "./checkout_flow.ts";
import { load, LOADER, type LoadResult } from "./_load.ts";
import {
  type BenchOptions,
  OptionsError,
  parseOptions,
  USAGE,
} from "./_options.ts";
import {
  checkoutFailures,
  type CheckoutReport,
  checkoutReport,
  checkoutTable,
  failures,
  type MemoryReport,
  memoryTable,
  passed,
  ratios,
  resultsTable,
  type TargetReport,
} from "./_report.ts";
import {
  type Memory,
  readMemory,
  type Server,
  startServer,
} from "./_servers.ts";
import {
  BASELINE_TARGET,
  BENCH_ACCOUNT,
  type Target,
  TARGETS,
  WEIGHED_PAGES,
} from "./targets.ts";
import { type PageWeight, weighPage, weightTable } from "./_weight.ts";

const ROOT = new URL("../", import.meta.url);
const RESULTS_FILE = new URL("results/latest.json", import.meta.url);

/** Everything one run measured, as written to `bench/results/latest.json`. */
export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  loader: string;
  options: BenchOptions;
  environment: {
    deno: string;
    os: string;
    cpus: number;
    git: { commit: string; dirty: boolean } | null;
  };
  servers: { name: string; readyLine: string; startMs: number }[];
  targets: TargetReport[];
  /** Orders placed per second by the checkout flow, after the targets. */
  checkout: CheckoutReport;
  memory: MemoryReport[];
  /** JavaScript shipped by the pages in `WEIGHED_PAGES`. */
  weights: PageWeight[];
  /**
   * True when every target got only 2xx responses and no errors, and the
   * checkout flow no answer but the expected ones and 409s.
   */
  ok: boolean;
  failures: string[];
}

/**
 * Run the whole benchmark with `options`: start both servers, warm up and
 * measure each target in turn, then the checkout flow, stop everything (also
 * when `signal` aborts or a step throws) and return the measurements.
 * Progress goes to `log`.
 */
export async function runBench(
  options: BenchOptions,
  { signal, log = console.log }: {
    signal?: AbortSignal;
    log?: (line: string) => void;
  } = {},
): Promise<BenchRun> {
  const startedAt = new Date().toISOString();
  const plan: { server: NonNullable<Target["server"]>; target: Target }[] = [
    { server: "baseline", target: BASELINE_TARGET },
    ...TARGETS.map((target) => ({ server: target.server ?? "app", target })),
  ];
  const needsCold = plan.some((step) => step.server === "app_cold");
  const loadSeconds = (plan.length + 1) * (options.warmup + options.duration);
  log(
    `bench: ${LOADER}, ${options.connections} connections, ` +
      `${options.warmup} s warm-up + ${options.duration} s measured per target, ` +
      `${plan.length} targets, then the checkout flow with ${options.shoppers} ` +
      `shoppers (~${Math.ceil(loadSeconds)} s of load)`,
  );

  const dataDir = await Deno.makeTempDir({ prefix: "bench_data_" });
  const servers: Server[] = [];
  const appEnv = (dir: string) => ({
    DATA_DIR: dir,
    LOG_LEVEL: "warn",
    // Loopback only: nothing outside this machine should reach the
    // bench's store.
    LISTEN_HOST: "127.0.0.1",
    // The sign-in load comes from one address, far past the per-IP limit.
    AUTH_RATE_LIMITS: "off",
  });
  try {
    if (Deno.env.get("DATABASE_URL")) {
      // The stores inherit DATABASE_URL; unlike the embedded default, a
      // real database is not seeded on start.
      log("DATABASE_URL is set: migrating and seeding it (deno task seed)…");
      const seeded = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", "db/seed.ts"],
        cwd: ROOT,
        stdout: "null",
        stderr: "piped",
        signal,
      }).output();
      if (!seeded.success) {
        throw new Error(
          `Seeding DATABASE_URL failed: ${
            new TextDecoder().decode(seeded.stderr)
          }`,
        );
      }
    }
    log(
      `starting baseline (bench/baseline_server.ts) and app (main.ts)${
        needsCold ? ", and app_cold (main.ts, READ_CACHE_TTL_SECONDS=0)" : ""
      }; a fresh store seeds its catalog first…`,
    );
    const started = await Promise.allSettled([
      startServer({
        name: "baseline",
        script: "bench/baseline_server.ts",
        cwd: ROOT,
        readyPath: "/",
        signal,
      }),
      startServer({
        name: "app",
        script: "main.ts",
        cwd: ROOT,
        env: appEnv(`${dataDir}/app`),
        readyPath: "/health",
        readyTimeoutMs: 120_000,
        signal,
      }),
      ...(needsCold
        ? [startServer({
          name: "app_cold",
          script: "main.ts",
          cwd: ROOT,
          env: {
            ...appEnv(`${dataDir}/app_cold`),
            READ_CACHE_TTL_SECONDS: "0",
          },
          readyPath: "/health",
          readyTimeoutMs: 120_000,
          signal,
        })]
        : []),
    ]);
    for (const outcome of started) {
      if (outcome.status === "fulfilled") servers.push(outcome.value);
    }
    for (const outcome of started) {
      if (outcome.status === "rejected") throw outcome.reason;
    }
    const byName = new Map(servers.map((server) => [server.name, server]));
    const app = byName.get("app")!;
    for (const server of servers) {
      log(
        `  ${server.name} ready in ${server.startMs} ms: ${server.readyLine}`,
      );
    }
    if (plan.some((step) => step.target.during)) {
      // The account the sign-in load uses (a 202 whether new or not).
      const registered = await fetch(`${app.origin}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(BENCH_ACCOUNT),
      });
      await registered.body?.cancel();
      if (registered.status !== 202) {
        throw new Error(`Registering the bench account: ${registered.status}`);
      }
    }
    const weights: PageWeight[] = [];
    for (const page of WEIGHED_PAGES) {
      weights.push(await weighPage(app.origin, page));
    }
    const before = new Map(
      await Promise.all(
        servers.map(async (s) => [s.name, await readMemory(s.pid)] as const),
      ),
    );

    const measured: {
      load: LoadResult;
      step: (typeof plan)[number];
      headers?: Record<string, string>;
      memoryAfter: Memory | null;
      during?: { name: string; load: LoadResult };
    }[] = [];
    for (const [index, step] of plan.entries()) {
      const server = byName.get(step.server)!;
      const url = `${server.origin}${step.target.path}`;
      const label = `[${
        index + 1
      }/${plan.length}] ${step.server} ${step.target.path}`;
      let headers = step.target.headers;
      if (step.target.prepare) {
        log(`${label}: preparing…`);
        const prepared = await step.target.prepare(server.origin);
        headers = { ...headers, ...prepared.headers };
      }
      const spec = { url, connections: options.connections, headers };
      if (options.warmup > 0) {
        log(
          `${label}: warming up ${step.target.path} for ${options.warmup} s…`,
        );
        await load({ ...spec, duration: options.warmup }, signal);
        signal?.throwIfAborted();
      }
      const { during } = step.target;
      log(
        `${label}: measuring for ${options.duration} s${
          during ? `, with ${during.name} alongside` : ""
        }…`,
      );
      const [result, background] = await Promise.all([
        load({ ...spec, duration: options.duration }, signal),
        during
          ? load({
            url: `${server.origin}${during.path}`,
            duration: options.duration,
            connections: during.connections,
            method: during.method,
            body: during.body,
            headers: { "content-type": "application/json" },
            // Sign-ins queue for the password-hashing worker by design (each
            // costs ~100 ms of a core): on a busy machine the 20th waits
            // seconds. What is measured is the foreground's latency; a
            // sign-in counts as failed only when it never comes back.
            timeoutSeconds: 60,
          }, signal)
          : undefined,
      ]);
      signal?.throwIfAborted();
      if (during && background) {
        log(
          `${label}: alongside, ${during.name}: ${
            Math.round(background.rps)
          } req/s, p99 ${background.p99Ms.toFixed(0)} ms, ` +
            `${background.non2xx} non-2xx`,
        );
      }
      measured.push({
        load: result,
        step,
        headers,
        memoryAfter: await readMemory(server.pid),
        during: during && background
          ? { name: during.name, load: background }
          : undefined,
      });
      log(
        `${label}: ${Math.round(result.rps).toLocaleString("en")} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${
            result.p99Ms.toFixed(2)
          } ms, ` +
          `${result.non2xx} non-2xx, ${result.errors} errors`,
      );
    }

    const flow = await runCheckoutFlow(app.origin, {
      shoppers: options.shoppers,
      duration: options.duration,
      warmup: options.warmup,
      signal,
      log,
    });
    log(
      `checkout: ${flow.ordersPerSecond.toFixed(1)} orders/s, ` +
        `p50 ${flow.p50Ms.toFixed(2)} ms, p99 ${flow.p99Ms.toFixed(2)} ms, ` +
        `${flow.conflicts} × 409, ${flow.failures} failed`,
    );

    const base = measured[0].load;
    const checkout = checkoutReport(flow, {
      base,
      database: Deno.env.get("DATABASE_URL") ? "Postgres" : "PGlite (embedded)",
    });
    const targets: TargetReport[] = measured.map((
      { load, step, headers, memoryAfter, during },
    ) => ({
      name: step.target.name ?? step.target.path,
      server: step.server,
      path: step.target.path,
      ...(headers ? { headers } : {}),
      load,
      ...ratios(load, base),
      memoryAfter,
      ...(during ? { during } : {}),
    }));
    const memory: MemoryReport[] = await Promise.all(
      servers.map(async (server) => ({
        server: server.name,
        before: before.get(server.name) ?? null,
        after: await readMemory(server.pid),
      })),
    );
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      loader: LOADER,
      options,
      environment: {
        deno: Deno.version.deno,
        os: `${Deno.build.os} ${Deno.build.arch}`,
        cpus: navigator.hardwareConcurrency,
        git: await gitState(),
      },
      servers: servers.map(({ name, readyLine, startMs }) => ({
        name,
        readyLine,
        startMs,
      })),
      targets,
      checkout,
      memory,
      weights,
      ok: targets.every(passed) && checkout.failures === 0,
      failures: [...failures(targets), ...checkoutFailures(checkout)],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

async function gitState(): Promise<BenchRun["environment"]["git"]> {
  try {
    const run = (args: string[]) =>
      new Deno.Command("git", { args, cwd: ROOT, stderr: "null" }).output();
    const [head, status] = await Promise.all([
      run(["rev-parse", "--short", "HEAD"]),
      run(["status", "--porcelain"]),
    ]);
    if (!head.success) return null;
    const decoder = new TextDecoder();
    return {
      commit: decoder.decode(head.stdout).trim(),
      dirty: decoder.decode(status.stdout).trim() !== "",
    };
  } catch {
    return null;
  }
}

/**
 * Run the bench as a command with `args` (flags) and the `BENCH_*` variables:
 * print progress and tables, write the results file, and resolve to the exit
 * code (0 all 2xx, 1 a failed target, checkout or step, 2 bad options, 130
 * interrupted).
 */
export async function main(args: string[] = Deno.args): Promise<number> {
  let options;
  try {
    options = parseOptions(args, Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }

  // The first Ctrl-C stops the servers cleanly; a second one gives up on
  // cleanliness and exits at once.
  const controller = new AbortController();
  let interrupted = 0;
  const signals = ["SIGINT", "SIGTERM"] as const;
  function onSignal() {
    interrupted++;
    if (interrupted > 1) Deno.exit(130);
    console.error("\ninterrupted: stopping servers…");
    controller.abort(new Error("Interrupted"));
  }
  for (const name of signals) Deno.addSignalListener(name, onSignal);

  try {
    const run = await runBench(options, { signal: controller.signal });
    console.log(`\n${resultsTable(run.targets)}\n`);
    console.log(`${checkoutTable(run.checkout)}\n`);
    console.log(`${memoryTable(run.memory)}\n`);
    console.log(`${weightTable(run.weights)}\n`);
    await Deno.mkdir(new URL(".", RESULTS_FILE), { recursive: true });
    await Deno.writeTextFile(
      RESULTS_FILE,
      JSON.stringify(run, null, 2) + "\n",
    );
    console.log(`Results written to bench/results/latest.json`);
    for (const failure of run.failures) console.error(`FAILED: ${failure}`);
    return run.ok ? 0 : 1;
  } catch (error) {
    if (controller.signal.aborted) return 130;
    console.error(`bench failed: ${(error as Error).message}`);
    return 1;
  } finally {
    for (const name of signals) Deno.removeSignalListener(name, onSignal);
  }
}

if (import.meta.main) Deno.exit(await main());
