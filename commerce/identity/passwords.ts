import { argon2idAsync } from "@noble/hashes/argon2.js";
import { argon2idOnWorker, argon2PoolActive } from "./_argon2_pool.ts";
import { commonPasswords } from "./_common_passwords.ts";
import { timingSafeEqual } from "./_constant_time.ts";

/**
 * Argon2id cost parameters as they appear in a PHC string: `m` memory in KiB,
 * `t` passes over that memory, `p` lanes.
 */
export interface Argon2idParams {
  readonly m: number;
  readonly t: number;
  readonly p: number;
}

/**
 * The parameters new hashes are made with: OWASP's minimum for argon2id
 * (19 MiB, two passes, one lane). Raising them later is safe: every stored
 * hash carries its own, `verifyPassword` reads them from there, and
 * `needsRehash` tells a login flow to re-hash an older one.
 */
export const PASSWORD_HASH_PARAMS: Readonly<Argon2idParams> = Object.freeze({
  m: 19456,
  t: 2,
  p: 1,
});

/** Fewer code points than this is `too_short` (NIST SP 800-63B asks for 8+). */
export const PASSWORD_MIN_LENGTH = 10;

/** More code points than this is `too_long`; it bounds the work per attempt. */
export const PASSWORD_MAX_LENGTH = 128;

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const ARGON2_VERSION = 0x13;

// noble's async argon2 runs synchronously for `asyncTick` ms, then yields a
// macrotask. Its default of 10 ms let the event loop stall ~12 ms at a time
// here; 5 ms keeps stalls near 6 ms for a few percent more total time.
const ASYNC_TICK_MS = 5;

// Bounds for hashes read back from storage. They only reject strings no
// version of this code would write, and cap the memory a corrupted row can
// make a login allocate.
const LIMITS = {
  m: { max: 262_144 }, // 256 MiB
  t: { min: 1, max: 64 },
  p: { min: 1, max: 16 },
  salt: { min: 8, max: 64 },
  hash: { min: 16, max: 64 },
} as const;

const PHC_PATTERN =
  /^\$argon2id\$v=(0|[1-9]\d{0,2})\$m=([1-9]\d{0,8}),t=([1-9]\d{0,8}),p=([1-9]\d{0,8})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * What a stored password hash says about itself: its argon2 version and cost
 * parameters, the salt and the derived hash.
 */
export interface PasswordHashInfo extends Argon2idParams {
  readonly version: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/**
 * Hashes a password for storage with argon2id at `PASSWORD_HASH_PARAMS`, a
 * fresh 16-byte random salt and a 32-byte output, and returns it as a PHC
 * string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, unpadded base64).
 * The password is NFKC-normalized first, so the same password typed on
 * different keyboards or systems hashes the same. The work yields to the
 * event loop every few milliseconds, so other requests keep being served
 * while it runs; one hash takes a few hundred milliseconds of CPU.
 */
export function hashPassword(password: string): Promise<string> {
  return hashPasswordWith(password, PASSWORD_HASH_PARAMS);
}

/**
 * Hashes a password with explicit argon2id parameters. Internal: tests use it
 * to make hashes below the current parameters, and a future parameter change
 * can be tried with it; application code calls `hashPassword`.
 */
export async function hashPasswordWith(
  password: string,
  params: Argon2idParams,
): Promise<string> {
  if (typeof password !== "string") {
    throw new TypeError("Cannot hash a password that is not a string");
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, params, HASH_BYTES);
  return formatPhc({ ...params, version: ARGON2_VERSION, salt, hash });
}

/**
 * Checks a password against a stored PHC hash, re-deriving it with the salt
 * and parameters stored in that hash and comparing in constant time. It
 * answers `false` for a wrong password and for anything it cannot use (a
 * malformed or foreign hash string, a non-string password); it never throws.
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  if (typeof password !== "string") return false;
  const info = parsePasswordHash(stored);
  if (info === undefined) return false;
  try {
    const actual = await derive(password, info.salt, info, info.hash.length);
    return timingSafeEqual(actual, info.hash);
  } catch {
    return false;
  }
}

let unknownUserHash: Promise<string> | undefined;

/**
 * Spends the time of a real `verifyPassword` and answers `false`. A login
 * flow calls it when no account has the given email, so response times do
 * not tell an attacker which emails are registered.
 */
export async function verifyPasswordForUnknownUser(
  password: string,
): Promise<false> {
  unknownUserHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(password, await unknownUserHash);
  return false;
}

/**
 * Tells whether a stored hash should be replaced by a fresh `hashPassword`
 * of the same password, which a login flow does right after a successful
 * `verifyPassword`: true when its memory or passes are below
 * `PASSWORD_HASH_PARAMS`, its salt or output is shorter than new hashes', its
 * argon2 version is not the current one, or it cannot be parsed at all.
 */
export function needsRehash(stored: string): boolean {
  const info = parsePasswordHash(stored);
  if (info === undefined) return true;
  return info.version !== ARGON2_VERSION ||
    info.m < PASSWORD_HASH_PARAMS.m ||
    info.t < PASSWORD_HASH_PARAMS.t ||
    info.salt.length < SALT_BYTES ||
    info.hash.length < HASH_BYTES;
}

/**
 * Reads an argon2id PHC string into its parts, or `undefined` when it is not
 * one this module would accept: another algorithm or version, parameters out
 * of range, non-canonical base64, salt or hash of implausible length.
 */
export function parsePasswordHash(
  stored: string,
): PasswordHashInfo | undefined {
  if (typeof stored !== "string") return undefined;
  const match = PHC_PATTERN.exec(stored);
  if (match === null) return undefined;
  const [, v, m, t, p, saltB64, hashB64] = match;
  const info = {
    version: Number(v),
    m: Number(m),
    t: Number(t),
    p: Number(p),
    salt: decodeBase64(saltB64),
    hash: decodeBase64(hashB64),
  };
  if (info.version !== ARGON2_VERSION) return undefined;
  if (info.p < LIMITS.p.min || info.p > LIMITS.p.max) return undefined;
  // RFC 9106: at least 8 KiB of memory per lane.
  if (info.m < 8 * info.p || info.m > LIMITS.m.max) return undefined;
  if (info.t < LIMITS.t.min || info.t > LIMITS.t.max) return undefined;
  const { salt, hash } = info;
  if (salt === undefined || hash === undefined) return undefined;
  if (salt.length < LIMITS.salt.min || salt.length > LIMITS.salt.max) {
    return undefined;
  }
  if (hash.length < LIMITS.hash.min || hash.length > LIMITS.hash.max) {
    return undefined;
  }
  return { ...info, salt, hash };
}

/**
 * A reason a password is refused, as a stable code for the caller to
 * translate: fewer than `PASSWORD_MIN_LENGTH` or more than
 * `PASSWORD_MAX_LENGTH` code points, a common or breached password (also
 * with digits or symbols around it), or one containing the account's email
 * or name.
 */
export type PasswordProblem =
  | "too_short"
  | "too_long"
  | "common"
  | "contains_email"
  | "contains_name";

/** What is known about the account a password is for. */
export interface PasswordContext {
  readonly email?: string;
  readonly name?: string;
}

/**
 * Checks a new password against the store's policy and lists every problem
 * found, in a fixed order; an empty list means it is acceptable. Lengths
 * count Unicode code points of the NFKC form that `hashPassword` hashes, so
 * a 10-character Japanese password is as long as a 10-letter English one.
 * Matching against the common-password list and the account's email and
 * name ignores case. The first call loads the bundled common-password list.
 */
export async function checkPassword(
  password: string,
  context: PasswordContext = {},
): Promise<PasswordProblem[]> {
  const normalized = password.normalize("NFKC");
  const length = codePoints(normalized);
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push("too_short");
  if (length > PASSWORD_MAX_LENGTH) problems.push("too_long");
  const lower = normalized.toLowerCase();
  if (length > 0 && isCommon(lower, await commonPasswords())) {
    problems.push("common");
  }
  if (context.email && containsEmail(lower, context.email)) {
    problems.push("contains_email");
  }
  if (context.name && containsName(lower, context.name)) {
    problems.push("contains_name");
  }
  return problems;
}

// A candidate core of the password must be at least this long to count as a
// hit after stripping; shorter list entries ("abc", "ab") would otherwise
// flag too many decent passwords.
const MIN_CORE_LENGTH = 4;
const DECORATION = /[\p{N}\p{P}\p{S}\s]/u;
const LETTER = /\p{L}/u;

/**
 * True when the password, or its core once leading and trailing digits,
 * punctuation and symbols are peeled off in any amounts, is on the list:
 * "Password123!" → "password", "1qwerty!!" → "qwerty", "abc123!" → "abc123".
 */
function isCommon(lower: string, list: ReadonlySet<string>): boolean {
  if (list.has(lower)) return true;
  const chars = [...lower];
  let lead = 0;
  while (lead < chars.length && DECORATION.test(chars[lead])) lead++;
  let trail = chars.length;
  while (trail > lead && DECORATION.test(chars[trail - 1])) trail--;
  for (let start = 0; start <= lead; start++) {
    for (let end = chars.length; end >= trail; end--) {
      if (end - start < MIN_CORE_LENGTH) continue;
      const core = chars.slice(start, end).join("");
      // A password of only digits and symbols is judged whole: its random
      // substrings would match list entries like "1928" by chance.
      if (LETTER.test(core) && list.has(core)) return true;
    }
  }
  return false;
}

function containsEmail(lower: string, email: string): boolean {
  const address = email.normalize("NFKC").trim().toLowerCase();
  if (address === "") return false;
  if (lower.includes(address)) return true;
  const at = address.lastIndexOf("@");
  const local = (at === -1 ? address : address.slice(0, at)).split("+")[0];
  return codePoints(local) >= 3 && lower.includes(local);
}

// In scripts where a name is written in two or three characters (山田, 김민준),
// a two-character part is as telling as a longer Latin one.
const DENSE_SCRIPT =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

function containsName(lower: string, name: string): boolean {
  const parts = name.normalize("NFKC").toLowerCase().split(/[\s\p{P}]+/u)
    .filter((part) => part !== "");
  const candidates = [...parts, parts.join("")];
  return candidates.some((part) =>
    (codePoints(part) >= 3 ||
      (codePoints(part) === 2 && DENSE_SCRIPT.test(part))) &&
    lower.includes(part)
  );
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function derive(
  password: string,
  salt: Uint8Array,
  params: Argon2idParams,
  dkLen: number,
): Promise<Uint8Array> {
  const input = new TextEncoder().encode(password.normalize("NFKC"));
  if (argon2PoolActive()) {
    return argon2idOnWorker(input, {
      salt,
      argon2: { ...params, version: ARGON2_VERSION, dkLen },
    });
  }
  return argon2idAsync(input, salt, {
    m: params.m,
    t: params.t,
    p: params.p,
    version: ARGON2_VERSION,
    dkLen,
    asyncTick: ASYNC_TICK_MS,
  });
}

function formatPhc(info: PasswordHashInfo): string {
  return `$argon2id$v=${info.version}$m=${info.m},t=${info.t},p=${info.p}` +
    `$${encodeBase64(info.salt)}$${encodeBase64(info.hash)}`;
}

function encodeBase64(bytes: Uint8Array): string {
  return bytes.toBase64({ omitPadding: true });
}

/** Decodes unpadded base64, refusing any form `encodeBase64` would not emit. */
function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const bytes = Uint8Array.fromBase64(text);
    return encodeBase64(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
