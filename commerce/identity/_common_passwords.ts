/**
 * The bundled list of common and breached passwords: the frequency-ordered
 * `passwords-common` dictionary (about 49,000 lowercase entries, MIT) shipped
 * by `@zxcvbn-ts/language-common`. It is imported on first use, not at
 * start-up, because decompressing it costs tens of milliseconds and most
 * requests never check a password.
 */
let pending: Promise<ReadonlySet<string>> | undefined;

/**
 * Resolves to the common-password set, loading it once per process. A failed
 * load is not cached, so the next call tries again.
 */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  pending ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"]),
    (error) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
