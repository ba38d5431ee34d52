/**
 * The store's tools for calling things that fail: a circuit breaker and the
 * backoff between retries. Exchange-rate feeds and payment gateways use
 * the same two, so every outside call backs off and trips the same way.
 *
 * @module
 */

/**
 * A minimal circuit breaker: after `threshold` consecutive failures it
 * opens and {@link CircuitBreaker.allows} answers false for `coolDownMs`;
 * then calls are let through again (half-open), and the next outcome
 * closes the breaker or opens it for another cool-down.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #coolDownMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openUntil = 0;

  constructor(
    options: { threshold?: number; coolDownMs?: number; now?: () => number } =
      {},
  ) {
    this.#threshold = options.threshold ?? 3;
    this.#coolDownMs = options.coolDownMs ?? 30 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether a call may go out now. */
  allows(): boolean {
    return this.#now() >= this.#openUntil;
  }

  /** When the breaker lets calls through again (now, when closed). */
  retryAt(): Date {
    return new Date(Math.max(this.#openUntil, this.#now()));
  }

  /** Record a successful call: the breaker closes. */
  succeeded(): void {
    this.#failures = 0;
    this.#openUntil = 0;
  }

  /**
   * Record a failed call: at the threshold the breaker opens. A failure
   * while half-open re-opens it at once (the threshold is still reached).
   */
  failed(): void {
    this.#failures++;
    if (this.#failures >= this.#threshold) {
      this.#openUntil = this.#now() + this.#coolDownMs;
    }
  }
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry):
 * `baseMs` doubled per attempt, with jitter over its upper half so that
 * instances which failed together do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const delay = baseMs * 2 ** attempt;
  return delay / 2 + random() * delay / 2;
}

/** Resolve after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Run `work` with a deadline: after `ms` its signal is aborted and the
 * call rejects with `timeout()`'s error. Aborting `signal` (the caller
 * giving up) aborts `work` too. The timer never outlives the call, and a
 * late failure of `work` is never left unhandled.
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  options: { timeout: () => Error; signal?: AbortSignal },
): Promise<T> {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = work(controller.signal);
  running.catch(() => {});
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = options.timeout();
          controller.abort(error);
          reject(error);
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}
