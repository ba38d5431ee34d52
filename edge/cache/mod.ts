/**
 * The regional cache: one interface, chosen by configuration. Upstash when
 * `UPSTASH_REDIS_REST_URL` and `_TOKEN` are set (in development, the REST
 * bridge in front of a local Redis), otherwise a bounded in-process LRU.
 *
 * @module
 */
import type { Config } from "../config.ts";
import { MemoryCache } from "./memory.ts";
import type { Cache } from "./types.ts";
import { UpstashCache } from "./upstash.ts";

export type { Cache, RateLimitResult } from "./types.ts";
export { versionedKey } from "./types.ts";
export { MemoryCache } from "./memory.ts";
export { UpstashCache } from "./upstash.ts";

/** The cache the configuration asks for. */
export function createCache(
  config: Pick<
    Config,
    "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "CACHE_MAX_ENTRIES"
  >,
): Cache {
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    return new UpstashCache({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
    });
  }
  return new MemoryCache({ maxEntries: config.CACHE_MAX_ENTRIES });
}
