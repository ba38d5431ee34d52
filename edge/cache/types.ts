/** The outcome of counting one more hit against a rate limit. */
export interface RateLimitResult {
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Whether this hit is within the limit. */
  allowed: boolean;
  /** Seconds until the window resets (at least 1 while blocked). */
  retryAfterSeconds: number;
}

/**
 * The regional cache every edge instance talks to.
 *
 * Values are JSON-serializable data. Implementations: an in-process LRU
 * (default), Upstash over REST (`@upstash/redis`), and the same Upstash client
 * pointed at the project's REST bridge in front of a local Redis.
 */
export interface Cache {
  /** Which implementation answers: `memory` or `upstash`. */
  readonly kind: "memory" | "upstash";
  /** The value stored under `key`, or `undefined` when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Store `value` under `key` for `ttlSeconds` seconds. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Remove keys; absent keys are ignored. */
  delete(...keys: string[]): Promise<void>;
  /**
   * The current version of a namespace (0 when never bumped). Cached entries
   * are keyed with it (see {@link versionedKey}) so one bump retires them all.
   */
  version(namespace: string): Promise<number>;
  /** Increment a namespace's version and return the new one. */
  bumpVersion(namespace: string): Promise<number>;
  /**
   * Count a hit in a fixed window of `windowSeconds` for `key`, allowing at
   * most `limit` hits per window.
   */
  hit(
    key: string,
    options: { limit: number; windowSeconds: number },
  ): Promise<RateLimitResult>;
  /** Resolves when the cache answers; rejects otherwise. */
  ping(): Promise<void>;
}

/** Build the key of an entry in a versioned namespace: `ns:v3:key`. */
export function versionedKey(
  key: string,
  scope: { namespace: string; version: number },
): string {
  return `${scope.namespace}:v${scope.version}:${key}`;
}

/** The key under which a namespace's version counter lives. */
export function versionCounterKey(namespace: string): string {
  return `version:${namespace}`;
}
