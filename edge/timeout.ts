/** Thrown by {@link withTimeout} when the deadline passes first. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/**
 * Settle with `promise`, or reject with {@link TimeoutError} after `ms`
 * (naming `what` did not answer). The
 * timer is always cleared, so no timer outlives the call.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  { ms, what = "The operation" }: { ms: number; what?: string },
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
