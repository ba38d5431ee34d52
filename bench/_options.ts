/**
 * The bench's options, from flags first, then `BENCH_*` environment variables,
 * then defaults.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** How long and how hard each target is loaded. */
export interface BenchOptions {
  /** Measured seconds per target. */
  duration: number;
  /** Concurrent keep-alive connections. */
  connections: number;
  /** Unmeasured seconds of load before each measurement; 0 skips it. */
  warmup: number;
  /** Concurrent virtual shoppers placing orders in the checkout flow. */
  shoppers: number;
}

/**
 * The defaults: 10 s per target after 2 s of warm-up, 50 connections, and 16
 * shoppers in the checkout flow.
 */
export const DEFAULT_OPTIONS: BenchOptions = {
  duration: 10,
  connections: 50,
  warmup: 2,
  shoppers: 16,
};

/** The `--help` text. */
export const USAGE =
  `Usage: deno task bench [--duration=S] [--connections=N] [--warmup=S] [--shoppers=N]

  --duration S      measured seconds per target      (BENCH_DURATION, default ${DEFAULT_OPTIONS.duration})
  --connections N   concurrent connections           (BENCH_CONNECTIONS, default ${DEFAULT_OPTIONS.connections})
  --warmup S        unmeasured seconds before each   (BENCH_WARMUP, default ${DEFAULT_OPTIONS.warmup})
  --shoppers N      shoppers placing orders at once  (BENCH_SHOPPERS, default ${DEFAULT_OPTIONS.shoppers})

Seconds accept a trailing "s" (e.g. 5s). Results go to bench/results/latest.json.`;

/** Thrown when a flag or `BENCH_*` variable has an unusable value. */
export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionsError";
  }
}

/**
 * Parse `args` (the command line) over `env` (the `BENCH_*` variables).
 * Returns `"help"` for `--help`; throws {@link OptionsError} on a bad value.
 */
export function parseOptions(
  args: string[],
  env: Record<string, string | undefined> = {},
): BenchOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        duration: { type: "string" },
        connections: { type: "string" },
        warmup: { type: "string" },
        shoppers: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return "help";
  return {
    duration: readSeconds(values.duration ?? env.BENCH_DURATION, {
      flag: "--duration",
      fallback: DEFAULT_OPTIONS.duration,
    }),
    connections: readCount(values.connections ?? env.BENCH_CONNECTIONS, {
      flag: "--connections",
      fallback: DEFAULT_OPTIONS.connections,
    }),
    warmup: readSeconds(values.warmup ?? env.BENCH_WARMUP, {
      flag: "--warmup",
      fallback: DEFAULT_OPTIONS.warmup,
      allowZero: true,
    }),
    shoppers: readCount(values.shoppers ?? env.BENCH_SHOPPERS, {
      flag: "--shoppers",
      fallback: DEFAULT_OPTIONS.shoppers,
    }),
  };
}

interface ValueSpec {
  flag: string;
  fallback: number;
  allowZero?: boolean;
}

function readSeconds(
  raw: string | undefined,
  { flag, fallback, allowZero = false }: ValueSpec,
): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(raw);
  const value = match ? Number(match[1]) : NaN;
  if (!Number.isFinite(value) || (value === 0 && !allowZero)) {
    throw new OptionsError(
      `Invalid ${flag} '${raw}': expected ${
        allowZero ? "zero or more" : "a positive number of"
      } seconds`,
    );
  }
  return value;
}

function readCount(
  raw: string | undefined,
  { flag, fallback }: ValueSpec,
): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new OptionsError(
      `Invalid ${flag} '${raw}': expected a positive whole number`,
    );
  }
  return value;
}
