/**
 * Load one URL with autocannon for a fixed time and summarise what came back.
 *
 * autocannon's own latency histogram keeps whole milliseconds, which rounds
 * every loopback response to 0 or 1 ms; the percentiles here come from the
 * per-response times it emits instead, which keep sub-millisecond precision.
 *
 * @module
 */
import autocannon from "autocannon";

/** How to load one URL. */
export interface LoadSpec {
  url: string;
  /** Seconds of load. */
  duration: number;
  connections: number;
  headers?: Record<string, string>;
  /** `GET` unless given (e.g. `POST` for the login load). */
  method?: string;
  body?: string;
  /** Seconds before a request counts as timed out (10). */
  timeoutSeconds?: number;
}

/** What one bounded run of load produced. */
export interface LoadResult {
  /** Responses received (any status). */
  responses: number;
  /** Seconds the run lasted, as autocannon measured it. */
  seconds: number;
  /** Responses per second. */
  rps: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses with a status outside 200–299. */
  non2xx: number;
  /** Connection errors and timeouts (autocannon counts timeouts as errors). */
  errors: number;
  timeouts: number;
  /** Response count per status code. */
  statuses: Record<string, number>;
  /** Error count per message, e.g. `{ "ECONNRESET": 3 }`. */
  errorMessages: Record<string, number>;
  /** Body bytes per second across all responses. */
  bytesPerSecond: number;
}

/** The parts of autocannon's result this module reads. */
interface AutocannonResult {
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** The parts of autocannon's run handle this module uses. */
interface AutocannonInstance {
  on(
    event: "response",
    listener: (
      client: unknown,
      status: number,
      bytes: number,
      ms: number,
    ) => void,
  ): void;
  on(event: "reqError", listener: (error: Error) => void): void;
  stop(): void;
}

type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** The load generator's name and version, for the results file. */
export const LOADER = "autocannon@8.0.0";

/** Load `spec.url` for `spec.duration` seconds and summarise the responses. */
export function load(
  spec: LoadSpec,
  signal?: AbortSignal,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorMessages: Record<string, number> = {};
  let bytes = 0;
  return new Promise((resolve, reject) => {
    const instance = (autocannon as unknown as Autocannon)({
      url: spec.url,
      connections: spec.connections,
      duration: spec.duration,
      headers: spec.headers ?? {},
      method: spec.method ?? "GET",
      body: spec.body,
      timeout: spec.timeoutSeconds ?? 10,
    }, (error, result) => {
      signal?.removeEventListener("abort", abort);
      if (error) reject(error);
      else resolve(summarise(result, { latencies, errorMessages, bytes }));
    });
    instance.on("response", (_client, _status, size, ms) => {
      latencies.push(ms);
      bytes += size;
    });
    instance.on("reqError", (error) => {
      const key = (error as { code?: string }).code ?? error.message;
      errorMessages[key] = (errorMessages[key] ?? 0) + 1;
    });
    function abort() {
      instance.stop();
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** The value at percentile `p` (0–100) of ascending `sorted`, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarise(
  result: AutocannonResult,
  collected: {
    latencies: number[];
    errorMessages: Record<string, number>;
    bytes: number;
  },
): LoadResult {
  const sorted = Float64Array.from(collected.latencies).sort();
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map((
      [code, { count }],
    ) => [code, count]),
  );
  const seconds = result.duration;
  let total = 0;
  for (const ms of sorted) total += ms;
  return {
    responses: sorted.length,
    seconds,
    rps: seconds > 0 ? sorted.length / seconds : 0,
    meanMs: sorted.length ? total / sorted.length : NaN,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    errorMessages: collected.errorMessages,
    bytesPerSecond: seconds > 0 ? collected.bytes / seconds : 0,
  };
}
