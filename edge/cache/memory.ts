import type { Cache, RateLimitResult } from "./types.ts";
import { versionCounterKey } from "./types.ts";

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Options of {@link MemoryCache}. */
export interface MemoryCacheOptions {
  /** Entries kept before the least recently used is evicted. */
  maxEntries: number;
  /** The clock, in milliseconds; tests pass a fake one. */
  now?: () => number;
}

/**
 * A bounded in-process LRU with per-entry TTL: the default regional cache when
 * no Upstash is configured, and the L1 in front of Upstash in later issues.
 *
 * Values are stored as given (not copied), so callers must treat what they get
 * back as read-only.
 */
export class MemoryCache implements Cache {
  readonly kind = "memory";
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryCacheOptions) {
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** Number of live and not-yet-collected entries (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  get<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(this.#read(key)?.value as T | undefined);
  }

  set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.#write(key, value, ttlSeconds * 1000);
    return Promise.resolve();
  }

  delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(key);
    return Promise.resolve();
  }

  version(namespace: string): Promise<number> {
    const entry = this.#read(versionCounterKey(namespace));
    return Promise.resolve((entry?.value as number | undefined) ?? 0);
  }

  bumpVersion(namespace: string): Promise<number> {
    const key = versionCounterKey(namespace);
    const next = ((this.#read(key)?.value as number | undefined) ?? 0) + 1;
    this.#write(key, next, Infinity);
    return Promise.resolve(next);
  }

  hit(
    key: string,
    options: { limit: number; windowSeconds: number },
  ): Promise<RateLimitResult> {
    const counterKey = `ratelimit:${key}`;
    const entry = this.#read(counterKey);
    const count = ((entry?.value as number | undefined) ?? 0) + 1;
    if (entry) entry.value = count;
    else this.#write(counterKey, count, options.windowSeconds * 1000);
    const expiresAt = entry?.expiresAt ??
      this.#now() + options.windowSeconds * 1000;
    return Promise.resolve({
      count,
      allowed: count <= options.limit,
      retryAfterSeconds: Math.max(
        1,
        Math.ceil((expiresAt - this.#now()) / 1000),
      ),
    });
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  #read(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    // Re-insert so Map iteration order tracks recency: the first key is the LRU.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  #write(key: string, value: unknown, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
