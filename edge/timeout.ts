/** Thrown by {@link withTimeout} when the deadline passes first. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/**
 * Settle with `promise`, or reject with {@link TimeoutError} after `ms`. The
 * timer is always cleared, so no timer outlives the call.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what = "The operation",
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
