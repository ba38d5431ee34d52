import { Redis } from "@upstash/redis";
import type { Cache, RateLimitResult } from "./types.ts";
import { versionCounterKey } from "./types.ts";

/** Options of {@link UpstashCache}. */
export interface UpstashCacheOptions {
  /** The REST URL (`UPSTASH_REDIS_REST_URL`), Upstash's or the bridge's. */
  url: string;
  /** The REST token (`UPSTASH_REDIS_REST_TOKEN`). */
  token: string;
  /**
   * Abort a request after this many milliseconds (default 1500), so a dead
   * cache fails fast instead of stalling the page.
   */
  timeoutMs?: number;
}

// One round trip, atomic: count the hit, start the window on the first one
// and report how long the window has left. A counter that somehow lost its
// expiry gets one again rather than blocking the key forever.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/**
 * The regional cache on Upstash Redis over REST (`@upstash/redis`); in
 * development the same client talks to the REST bridge in front of a local
 * Redis (`deno task redis-bridge`).
 *
 * Values are stored as JSON text written and parsed here rather than by the
 * client's automatic deserialization, which would turn a cached string such
 * as `"123"` back into the number 123.
 */
export class UpstashCache implements Cache {
  readonly kind = "upstash";
  readonly #redis: Redis;
  readonly #hitScript: {
    exec(keys: string[], args: string[]): Promise<[number, number]>;
  };

  constructor(options: UpstashCacheOptions) {
    const timeoutMs = options.timeoutMs ?? 1500;
    this.#redis = new Redis({
      url: options.url,
      token: options.token,
      automaticDeserialization: false,
      enableTelemetry: false,
      // One quick retry of a failed connection; an answered error is final.
      retry: { retries: 1, backoff: () => 50 },
      // A function, so every request gets a fresh deadline: a single signal
      // would stay aborted after its first timeout.
      signal: () => AbortSignal.timeout(timeoutMs),
    });
    this.#hitScript = this.#redis.createScript<[number, number]>(HIT_SCRIPT);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.#redis.get<string>(key);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      // Not written by this class (or by an older format): a miss, so the
      // caller recomputes and overwrites it.
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const text = JSON.stringify(value);
    // `undefined` (and an expired TTL) read back as a miss, as in MemoryCache.
    if (text === undefined || ttlSeconds <= 0) {
      await this.delete(key);
    } else if (!Number.isFinite(ttlSeconds)) {
      await this.#redis.set(key, text);
    } else {
      const px = Math.max(1, Math.round(ttlSeconds * 1000));
      await this.#redis.set(key, text, { px });
    }
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.#redis.del(...keys);
  }

  async version(namespace: string): Promise<number> {
    const raw = await this.#redis.get<string>(versionCounterKey(namespace));
    return raw === null ? 0 : Number(raw);
  }

  async bumpVersion(namespace: string): Promise<number> {
    return await this.#redis.incr(versionCounterKey(namespace));
  }

  async hit(
    key: string,
    options: { limit: number; windowSeconds: number },
  ): Promise<RateLimitResult> {
    const windowMs = Math.max(1, Math.round(options.windowSeconds * 1000));
    const [count, ttlMs] = await this.#hitScript.exec(
      [`ratelimit:${key}`],
      [String(windowMs)],
    );
    return {
      count,
      allowed: count <= options.limit,
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }
}
