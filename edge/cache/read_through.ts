/**
 * Cache-aside reads in two tiers, with stale-while-revalidate.
 *
 * L1 is a small in-process LRU; L2 is the regional cache (Upstash). A warm
 * read touches neither the network nor the database: the namespace version
 * is remembered in-process for `versionTtlMs` (so a bump made in another
 * region is seen within that time; a bump made here is seen at once), and the
 * entry under that version is in L1. Past its TTL an entry is still served
 * for `staleSeconds` while one background load refreshes it. When L2 fails
 * the read goes to the loader; when the loader fails and a stale entry exists,
 * the stale entry is served.
 *
 * @module
 */
import type { Logger } from "../logger.ts";
import { MemoryCache } from "./memory.ts";
import { type Cache, versionedKey } from "./types.ts";

/** How one read is cached. */
export interface ReadSpec {
  namespace: string;
  key: string;
  /** Seconds an entry is fresh. */
  ttlSeconds: number;
  /** Seconds after that it may still be served while it is refreshed. */
  staleSeconds: number;
}

/** A value read through the cache, with its entity tag. */
export interface CachedValue<T> {
  value: T;
  /** A strong ETag of the value's JSON (quoted, ready for the header). */
  etag: string;
  /** Where it came from: `fresh` and `stale` hits, or a `miss` that loaded. */
  state: "fresh" | "stale" | "miss";
}

interface Envelope<T> {
  value: T;
  etag: string;
  /** Epoch ms until which the entry is fresh. */
  freshUntil: number;
}

/** Options of {@link ReadThrough}. */
export interface ReadThroughOptions {
  /** Put an in-process L1 in front (pointless when `cache` is in-process). */
  l1Entries?: number;
  /** How long a namespace version is trusted without asking L2. */
  versionTtlMs?: number;
  /**
   * Cap on every entry's TTL in seconds (`READ_CACHE_TTL_SECONDS`); 0 turns
   * caching off: every read loads (and still gets its ETag).
   */
  maxTtlSeconds?: number;
  logger?: Logger;
  now?: () => number;
}

/** Cache-aside reads over a {@link Cache}; see the module doc. */
export class ReadThrough {
  readonly #l2: Cache;
  readonly #l1: MemoryCache | null;
  readonly #versions = new Map<string, { version: number; until: number }>();
  readonly #inflight = new Map<string, Promise<Envelope<unknown>>>();
  readonly #versionTtlMs: number;
  readonly #maxTtlSeconds: number;
  readonly #logger?: Logger;
  readonly #now: () => number;

  constructor(cache: Cache, options: ReadThroughOptions = {}) {
    this.#l2 = cache;
    this.#now = options.now ?? Date.now;
    this.#l1 = options.l1Entries
      ? new MemoryCache({ maxEntries: options.l1Entries, now: this.#now })
      : null;
    this.#versionTtlMs = options.versionTtlMs ?? 1000;
    this.#maxTtlSeconds = options.maxTtlSeconds ?? Infinity;
    this.#logger = options.logger;
  }

  /** Read `spec.key`, loading it with `load` on a miss. */
  async get<T>(
    wanted: ReadSpec,
    load: () => Promise<T>,
  ): Promise<CachedValue<T>> {
    const spec = this.#capped(wanted);
    const version = spec.ttlSeconds > 0
      ? await this.#version(spec.namespace)
      : null;
    if (version === null) {
      // Caching is off, or L2 is down: answer from the source, uncached.
      return {
        ...(await envelope(await load(), spec, this.#now)),
        state: "miss",
      };
    }
    const key = versionedKey(spec.key, { namespace: spec.namespace, version });
    const cached = await this.#read<T>(key, spec);
    if (cached && cached.freshUntil > this.#now()) {
      return { value: cached.value, etag: cached.etag, state: "fresh" };
    }
    if (cached) {
      this.#refresh(key, spec, load).catch((error) =>
        this.#logger?.warn("cache refresh failed; serving stale", {
          key,
          error,
        })
      );
      return { value: cached.value, etag: cached.etag, state: "stale" };
    }
    const loaded = await this.#refresh(key, spec, load);
    return { value: loaded.value as T, etag: loaded.etag, state: "miss" };
  }

  /** Retire every entry of `namespace`, here at once and elsewhere soon. */
  async bumpVersion(namespace: string): Promise<number> {
    const version = await this.#l2.bumpVersion(namespace);
    this.#versions.set(namespace, {
      version,
      until: this.#now() + this.#versionTtlMs,
    });
    return version;
  }

  /** Delete plain (unversioned) keys from both tiers. */
  async delete(...keys: string[]): Promise<void> {
    await this.#l1?.delete(...keys);
    await this.#l2.delete(...keys);
  }

  #capped(spec: ReadSpec): ReadSpec {
    const max = this.#maxTtlSeconds;
    if (spec.ttlSeconds <= max) return spec;
    return {
      ...spec,
      ttlSeconds: max,
      staleSeconds: Math.min(spec.staleSeconds, max * 10),
    };
  }

  async #version(namespace: string): Promise<number | null> {
    const known = this.#versions.get(namespace);
    if (known && known.until > this.#now()) return known.version;
    try {
      const version = await this.#l2.version(namespace);
      this.#versions.set(namespace, {
        version,
        until: this.#now() + this.#versionTtlMs,
      });
      return version;
    } catch (error) {
      this.#logger?.warn("cache unavailable; reading from the source", {
        error,
      });
      return null;
    }
  }

  async #read<T>(
    key: string,
    spec: ReadSpec,
  ): Promise<Envelope<T> | undefined> {
    const local = await this.#l1?.get<Envelope<T>>(key);
    if (local) return local;
    let remote: Envelope<T> | undefined;
    try {
      remote = await this.#l2.get<Envelope<T>>(key);
    } catch (error) {
      this.#logger?.warn("cache read failed", { key, error });
      return undefined;
    }
    if (remote) {
      await this.#l1?.set(key, remote, spec.ttlSeconds + spec.staleSeconds);
    }
    return remote;
  }

  // One load per key at a time: concurrent misses share it.
  #refresh<T>(
    key: string,
    spec: ReadSpec,
    load: () => Promise<T>,
  ): Promise<Envelope<T>> {
    const running = this.#inflight.get(key);
    if (running) return running as Promise<Envelope<T>>;
    const work = (async () => {
      const entry = await envelope(await load(), spec, this.#now);
      const ttl = spec.ttlSeconds + spec.staleSeconds;
      await this.#l1?.set(key, entry, ttl);
      try {
        await this.#l2.set(key, entry, ttl);
      } catch (error) {
        this.#logger?.warn("cache write failed", { key, error });
      }
      return entry;
    })().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, work);
    return work;
  }
}

async function envelope<T>(
  value: T,
  spec: ReadSpec,
  now: () => number,
): Promise<Envelope<T>> {
  return {
    value,
    etag: await entityTag(value),
    freshUntil: now() + spec.ttlSeconds * 1000,
  };
}

/** A strong ETag of a value: a hash of its JSON, quoted. */
export async function entityTag(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(
    digest.slice(0, 12),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
  return `"${hex}"`;
}
