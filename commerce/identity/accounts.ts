/**
 * Accounts: registration with email verification, sign-in, and password
 * reset by email. Every answer is shaped so it never tells whether an
 * address has an account: registering a taken address and asking to reset
 * an unknown one look exactly like the ordinary case, and a sign-in with an
 * unknown address costs as much as one with a wrong password.
 *
 * Emails go through the notifications outbox in the same transaction as the
 * change that causes them.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { Invalid } from "../../edge/errors.ts";
import { enqueue } from "../notifications/mod.ts";
import {
  AccountDisabled,
  InvalidCredentials,
  InvalidEmailToken,
  WeakPassword,
} from "./errors.ts";
import {
  checkPassword,
  hashPassword,
  needsRehash,
  verifyPassword,
  verifyPasswordForUnknownUser,
} from "./passwords.ts";
import { rolesOf } from "./roles.ts";
import { revokeAllSessions } from "./sessions.ts";
import { hashToken, isOpaqueToken, newOpaqueToken } from "./tokens.ts";
import type { AuthenticatedUser, RegistrationResult } from "./types.ts";
import { isUniqueViolation, parseEmail, requireEmail } from "./_util.ts";

/** How long a `verify_email` link works. */
export const VERIFY_EMAIL_TTL_HOURS = 24;

/** How long a `password_reset` link works. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/** The language of emails to accounts that never chose one. */
const FALLBACK_LANGUAGE = "en";

// Far above any password the policy accepts: longer input is refused before
// it costs a hash, whoever it is for.
const SIGN_IN_PASSWORD_MAX = 1024;

type EmailTokenPurpose = "verify_email" | "reset_password";

/** What {@link registerUser} needs. */
export interface RegisterUserOptions {
  email: string;
  password: string;
  /** The name emails greet the shopper with (1 to 200 characters). */
  name: string;
  /** The shopper's language: the account's preference and the emails'. */
  language: string;
  /** The verification link for a token, e.g. `https://shop/de/verify?token=…`. */
  verifyUrl: (token: string) => string;
}

/**
 * Registers a customer and queues the `verify_email` email: the address is
 * normalized (NFC, trimmed, lower-cased) and must look like one
 * (`InvalidEmail`), the password must pass `checkPassword`
 * (`WeakPassword`, 400 `weak_password` with the problem codes), and then,
 * in one transaction, the account is created with the `customer` role, a
 * verification token valid for {@link VERIFY_EMAIL_TTL_HOURS} hours is
 * stored (its hash) and the email with its link is queued.
 *
 * When the address already has an account (active or disabled), nothing
 * is written and nothing is queued, and the answer is the same
 * `{ status: "pending_verification" }`, after the same password hashing, so
 * neither the answer nor its timing reveals the account. (A later session
 * may queue an "someone tried to register with your address" email to the
 * owner here; the outbox's event id would keep it to one per attempt.)
 */
export async function registerUser(
  sql: Sql,
  options: RegisterUserOptions,
): Promise<RegistrationResult> {
  const email = requireEmail(options.email);
  const name = requireName(options.name);
  const language = requireLanguage(options.language);
  const problems = await checkPassword(options.password, { email, name });
  if (problems.length > 0) throw new WeakPassword(problems);
  // Hashed before looking the address up: a taken address must cost the
  // same time as a new one.
  const passwordHash = await hashPassword(options.password);
  try {
    await sql.begin(async (tx) => {
      const [user] = await tx<{ id: string }[]>`
        insert into identity.users
          (email, password_hash, name, preferred_language)
        values (${email}, ${passwordHash}, ${name}, ${language})
        on conflict (lower(email)) where status <> 'deleted' do nothing
        returning id`;
      if (user === undefined) return;
      await tx`
        insert into identity.user_roles (user_id, role)
        values (${user.id}, 'customer')`;
      const { id, token } = await createEmailToken(tx, {
        userId: user.id,
        purpose: "verify_email",
        ttlMinutes: VERIFY_EMAIL_TTL_HOURS * 60,
      });
      await enqueue(tx, {
        eventId: `verify-email:${id}`,
        kind: "verify_email",
        recipient: email,
        language,
        payload: {
          name,
          url: options.verifyUrl(token),
          expiresInHours: VERIFY_EMAIL_TTL_HOURS,
        },
      });
    });
  } catch (error) {
    // `on conflict` covers two registrations of one address at once; this
    // is the belt to its braces, so a race can never reveal an account.
    if (!isUniqueViolation(error, "users_email_active")) throw error;
  }
  return { status: "pending_verification" };
}

/** What {@link authenticate} needs. */
export interface AuthenticateOptions {
  email: string;
  password: string;
}

/**
 * Signs in with an email and a password, answering the account with its
 * roles and whether its address is verified (the caller decides what an
 * unverified account may do). An unknown address, a deleted account and a
 * wrong password all throw `InvalidCredentials`, after the same argon2 work;
 * the right password to a disabled account throws `AccountDisabled` (403
 * `account_disabled`). Success records the time as the account's last
 * sign-in, and replaces a hash made with weaker parameters than today's.
 */
export async function authenticate(
  sql: Sql,
  options: AuthenticateOptions,
): Promise<AuthenticatedUser> {
  const { password } = options;
  if (typeof password !== "string" || password.length > SIGN_IN_PASSWORD_MAX) {
    throw new InvalidCredentials();
  }
  const email = parseEmail(options.email);
  const [user] = email === undefined ? [] : await sql<{
    id: string;
    email: string;
    name: string;
    passwordHash: string | null;
    emailVerified: boolean;
    disabled: boolean;
  }[]>`
    select id, email, name, password_hash as "passwordHash",
      email_verified_at is not null as "emailVerified",
      status = 'disabled' as disabled
    from identity.users
    where lower(email) = ${email} and status <> 'deleted'`;
  if (user?.passwordHash == null) {
    await verifyPasswordForUnknownUser(password);
    throw new InvalidCredentials();
  }
  if (!await verifyPassword(password, user.passwordHash)) {
    throw new InvalidCredentials();
  }
  if (user.disabled) throw new AccountDisabled();
  if (needsRehash(user.passwordHash)) {
    const fresh = await hashPassword(password);
    // Only if unchanged meanwhile: a concurrent reset wins over a rehash.
    await sql`
      update identity.users
      set password_hash = ${fresh}, updated_at = now()
      where id = ${user.id} and password_hash = ${user.passwordHash}`;
  }
  // Only while still active: an admin's disable a moment ago wins.
  const [signedIn] = await sql`
    update identity.users set last_sign_in_at = now()
    where id = ${user.id} and status = 'active'
    returning id`;
  if (signedIn === undefined) throw new AccountDisabled();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: await rolesOf(sql, user.id),
    emailVerified: user.emailVerified,
  };
}

/** What {@link verifyEmail} needs. */
export interface VerifyEmailOptions {
  /** The token from the `verify_email` link. */
  token: string;
  /** The shop's home in the shopper's language, for the `welcome` email. */
  shopUrl: string;
}

/**
 * Confirms an address with the token from its `verify_email` link: the
 * token is used up (a second use fails), every other open verification
 * token of the account too, the account is marked verified and the
 * `welcome` email is queued (once per account, whatever happens later),
 * all in one transaction. A malformed, unknown, expired or used token, or
 * one for a deleted account, throws `InvalidEmailToken` (400
 * `invalid_token`).
 */
export async function verifyEmail(
  sql: Sql,
  options: VerifyEmailOptions,
): Promise<{ userId: string }> {
  if (!isOpaqueToken(options.token)) throw new InvalidEmailToken();
  const tokenHash = hashToken(options.token);
  return await sql.begin(async (tx) => {
    const userId = await consumeEmailToken(tx, tokenHash, "verify_email");
    const [user] = await tx<
      { email: string; name: string; language: string | null }[]
    >`
      update identity.users
      set email_verified_at = coalesce(email_verified_at, now()),
        updated_at = now()
      where id = ${userId} and status = 'active'
      returning email, name, preferred_language as language`;
    // Rolls the consumption back too: a token of a deleted account is
    // simply invalid.
    if (user === undefined) throw new InvalidEmailToken();
    await closeEmailTokens(tx, userId, "verify_email");
    await enqueue(tx, {
      eventId: `welcome:${userId}`,
      kind: "welcome",
      recipient: user.email,
      language: user.language ?? FALLBACK_LANGUAGE,
      payload: { name: user.name, shopUrl: options.shopUrl },
    });
    return { userId };
  });
}

/** What {@link requestPasswordReset} needs. */
export interface RequestPasswordResetOptions {
  email: string;
  /** The reset link for a token, e.g. `https://shop/de/reset?token=…`. */
  resetUrl: (token: string) => string;
  /** The email's language (default: the account's preferred language). */
  language?: string;
}

/**
 * Starts a password reset: when the address belongs to an active account,
 * stores a reset token valid for {@link PASSWORD_RESET_TTL_MINUTES} minutes
 * (closing any earlier open one) and queues the `password_reset` email with
 * its link, in one transaction. For any other address it does nothing; the
 * answer is the same either way, so it never reveals an account. A value
 * that is not an email address at all throws `InvalidEmail`. Rate limiting
 * belongs to the route.
 */
export async function requestPasswordReset(
  sql: Sql,
  options: RequestPasswordResetOptions,
): Promise<void> {
  const email = requireEmail(options.email);
  const language = options.language === undefined
    ? undefined
    : requireLanguage(options.language);
  await sql.begin(async (tx) => {
    const [user] = await tx<
      { id: string; email: string; name: string; language: string | null }[]
    >`
      select id, email, name, preferred_language as language
      from identity.users
      where lower(email) = ${email} and status = 'active'
      for update`;
    if (user === undefined) return;
    await queuePasswordReset(tx, {
      user,
      language: language ?? user.language ?? FALLBACK_LANGUAGE,
      resetUrl: options.resetUrl,
    });
  });
}

/**
 * Internal, the heart of {@link requestPasswordReset} (and of an admin's
 * reset for an account): on the caller's transaction, closes the
 * account's open reset links, stores a new one valid for
 * {@link PASSWORD_RESET_TTL_MINUTES} minutes and queues the
 * `password_reset` email in `language` with its link. The caller has
 * checked (and locked) the account.
 */
export async function queuePasswordReset(
  tx: postgres.TransactionSql,
  options: {
    user: { id: string; email: string; name: string };
    language: string;
    resetUrl: (token: string) => string;
  },
): Promise<void> {
  const { user, language } = options;
  await closeEmailTokens(tx, user.id, "reset_password");
  const { id, token } = await createEmailToken(tx, {
    userId: user.id,
    purpose: "reset_password",
    ttlMinutes: PASSWORD_RESET_TTL_MINUTES,
  });
  await enqueue(tx, {
    eventId: `password-reset:${id}`,
    kind: "password_reset",
    recipient: user.email,
    language,
    payload: {
      name: user.name,
      url: options.resetUrl(token),
      expiresInMinutes: PASSWORD_RESET_TTL_MINUTES,
    },
  });
}

/** What {@link resetPassword} needs. */
export interface ResetPasswordOptions {
  /** The token from the `password_reset` link. */
  token: string;
  /** The new password. */
  password: string;
}

/**
 * Sets a new password with the token from a `password_reset` link. The
 * password must pass `checkPassword` for the account (`WeakPassword`, and
 * the token stays usable for a second try). Then, in one transaction, the
 * token is used up, the new hash stored, the address marked verified (the
 * link proved it) and every refresh token of the account revoked, so a
 * thief signed in elsewhere is out. A malformed, unknown, expired or used
 * token, or one for a deleted account, throws `InvalidEmailToken`.
 */
export async function resetPassword(
  sql: Sql,
  options: ResetPasswordOptions,
): Promise<{ userId: string }> {
  if (!isOpaqueToken(options.token)) throw new InvalidEmailToken();
  const tokenHash = hashToken(options.token);
  const [owner] = await sql<{ email: string; name: string }[]>`
    select u.email, u.name
    from identity.email_tokens t
    join identity.users u on u.id = t.user_id
    where t.token_hash = ${tokenHash} and t.purpose = 'reset_password'
      and t.used_at is null and t.expires_at > now()
      and u.status = 'active'`;
  if (owner === undefined) throw new InvalidEmailToken();
  const problems = await checkPassword(options.password, owner);
  if (problems.length > 0) throw new WeakPassword(problems);
  // Hashed outside the transaction: it takes a few hundred milliseconds,
  // which row locks should not.
  const passwordHash = await hashPassword(options.password);
  return await sql.begin(async (tx) => {
    // Consumed again under the transaction: of two concurrent resets with
    // one token, only one gets here.
    const userId = await consumeEmailToken(tx, tokenHash, "reset_password");
    const updated = await tx`
      update identity.users
      set password_hash = ${passwordHash},
        email_verified_at = coalesce(email_verified_at, now()),
        updated_at = now()
      where id = ${userId} and status = 'active'
      returning id`;
    if (updated.length === 0) throw new InvalidEmailToken();
    await closeEmailTokens(tx, userId, "reset_password");
    await revokeAllSessions(tx, userId);
    return { userId };
  });
}

/** What {@link resendVerification} needs. */
export interface ResendVerificationOptions {
  email: string;
  verifyUrl: (token: string) => string;
}

/**
 * Send a fresh verification link to an active, unverified account (earlier
 * links stop working). Nothing happens for an unknown, verified or deleted
 * address, and the caller answers the same either way.
 */
export async function resendVerification(
  sql: Sql,
  options: ResendVerificationOptions,
): Promise<void> {
  const email = requireEmail(options.email);
  await sql.begin(async (tx) => {
    const [user] = await tx<{ id: string; name: string; language: string }[]>`
      select id, name, coalesce(preferred_language, ${FALLBACK_LANGUAGE}) as language
      from identity.users
      where lower(email) = ${email} and status = 'active'
        and email_verified_at is null
      for update`;
    if (user === undefined) return;
    await closeEmailTokens(tx, user.id, "verify_email");
    const { id, token } = await createEmailToken(tx, {
      userId: user.id,
      purpose: "verify_email",
      ttlMinutes: VERIFY_EMAIL_TTL_HOURS * 60,
    });
    await enqueue(tx, {
      eventId: `verify-email:${id}`,
      kind: "verify_email",
      recipient: email,
      language: user.language,
      payload: {
        name: user.name,
        url: options.verifyUrl(token),
        expiresInHours: VERIFY_EMAIL_TTL_HOURS,
      },
    });
  });
}

/** What {@link changePassword} needs. */
export interface ChangePasswordOptions {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The session to keep signed in (its refresh-token family). */
  keepFamilyId?: string;
}

/**
 * Change a signed-in account's password: the current one must be right
 * (`InvalidCredentials` otherwise), the new one must pass the policy
 * (`WeakPassword`). Every other session of the account is signed out.
 */
export async function changePassword(
  sql: Sql,
  options: ChangePasswordOptions,
): Promise<void> {
  const [user] = await sql<
    { email: string; name: string; password_hash: string | null }[]
  >`
    select email, name, password_hash from identity.users
    where id = ${options.userId} and status = 'active'`;
  const current = options.currentPassword.slice(0, SIGN_IN_PASSWORD_MAX);
  const matches = user?.password_hash
    ? await verifyPassword(current, user.password_hash)
    : await verifyPasswordForUnknownUser(current);
  if (!user || !matches) throw new InvalidCredentials();
  const problems = await checkPassword(options.newPassword, user);
  if (problems.length > 0) throw new WeakPassword(problems);
  const passwordHash = await hashPassword(options.newPassword);
  await sql.begin(async (tx) => {
    await tx`
      update identity.users set password_hash = ${passwordHash}, updated_at = now()
      where id = ${options.userId}`;
    await tx`
      update identity.refresh_tokens set revoked_at = now()
      where user_id = ${options.userId} and revoked_at is null
        and family_id is distinct from ${options.keepFamilyId ?? null}::uuid`;
  });
}

async function createEmailToken(
  tx: postgres.TransactionSql,
  options: { userId: string; purpose: EmailTokenPurpose; ttlMinutes: number },
): Promise<{ id: string; token: string }> {
  const token = newOpaqueToken();
  const [row] = await tx<{ id: string }[]>`
    insert into identity.email_tokens
      (user_id, purpose, token_hash, expires_at)
    values (
      ${options.userId}, ${options.purpose}, ${hashToken(token)},
      now() + make_interval(mins => ${options.ttlMinutes})
    )
    returning id`;
  return { id: row.id, token };
}

/**
 * Uses up an open token of `purpose` in one conditional update, answering
 * its account; throws `InvalidEmailToken` when there is none.
 */
async function consumeEmailToken(
  tx: postgres.TransactionSql,
  tokenHash: string,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const [row] = await tx<{ userId: string }[]>`
    update identity.email_tokens set used_at = now()
    where token_hash = ${tokenHash} and purpose = ${purpose}
      and used_at is null and expires_at > now()
    returning user_id as "userId"`;
  if (row === undefined) throw new InvalidEmailToken();
  return row.userId;
}

/** Marks every open token of `purpose` of an account used. */
async function closeEmailTokens(
  tx: postgres.TransactionSql,
  userId: string,
  purpose: EmailTokenPurpose,
): Promise<void> {
  await tx`
    update identity.email_tokens set used_at = now()
    where user_id = ${userId} and purpose = ${purpose} and used_at is null`;
}

function requireName(value: unknown): string {
  const name = typeof value === "string" ? value.normalize("NFC").trim() : "";
  if (name.length < 1 || name.length > 200) {
    throw new Invalid("The name must have 1 to 200 characters", {
      code: "invalid_name",
    });
  }
  return name;
}

function requireLanguage(value: unknown): string {
  if (
    typeof value !== "string" ||
    !/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value) || value.length > 35
  ) {
    throw new Invalid(
      `'${String(value).slice(0, 40)}' is not a language tag`,
      { code: "invalid_language" },
    );
  }
  return value;
}
