/**
 * Shared set-up of the tests that need a real Redis: where it is, whether it
 * answers, and an in-process REST bridge in front of it.
 *
 * Without a reachable Redis the tests are ignored locally (with a note) but
 * run, and fail, when `CI` is set.
 *
 * @module
 */
import { createRedisBridge, RespClient } from "./mod.ts";
import { parseRedisUrl } from "./resp.ts";

/** The Redis the tests use: `REDIS_URL`, else `redis://127.0.0.1:6379`. */
export function redisUrl(): string {
  return Deno.env.get("REDIS_URL") || "redis://127.0.0.1:6379";
}

async function probe(url: string): Promise<boolean> {
  const { hostname, port } = parseRedisUrl(url);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 1000);
  try {
    const conn = await Deno.connect({ hostname, port, signal: abort.signal });
    conn.close();
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a TCP connection to {@link redisUrl} succeeded at start-up. */
export const redisAvailable: boolean = await probe(redisUrl());

/**
 * Pass as `ignore` of Redis-backed tests: true only when Redis is unreachable
 * and `CI` is unset (in CI a missing Redis must fail the run).
 */
export const ignoreRedisTests: boolean = !redisAvailable &&
  !Deno.env.get("CI");

if (ignoreRedisTests) {
  console.warn(
    `Note: no Redis at ${redisUrl()}; Redis-backed tests are ignored (set CI=1 to fail instead)`,
  );
}

/** A running in-process bridge; `close()` stops the server and its Redis link. */
export interface TestBridge {
  /** The bridge's REST URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** The bearer token it accepts. */
  token: string;
  close(): Promise<void>;
}

/** Serve a REST bridge to {@link redisUrl} on a free port of 127.0.0.1. */
export function startBridge(): Promise<TestBridge> {
  const token = crypto.randomUUID();
  const bridge = createRedisBridge({ redisUrl: redisUrl(), token });
  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      onListen({ port }) {
        resolve({
          url: `http://127.0.0.1:${port}`,
          token,
          async close() {
            await server.shutdown();
            await bridge.close();
          },
        });
      },
    }, bridge);
  });
}

/** A key prefix no other test run shares, e.g. `test:3f2a…:`. */
export function uniquePrefix(): string {
  return `test:${crypto.randomUUID()}:`;
}

/** Delete every key containing `prefix` (version and rate-limit keys too). */
export async function deleteKeysContaining(prefix: string): Promise<void> {
  const client = new RespClient(redisUrl());
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.send([
        "SCAN",
        cursor,
        "MATCH",
        `*${prefix}*`,
        "COUNT",
        "1000",
      ]) as [Uint8Array, Uint8Array[]];
      cursor = new TextDecoder().decode(next);
      if (keys.length > 0) await client.send(["DEL", ...keys]);
    } while (cursor !== "0");
  } finally {
    await client.close();
  }
}
