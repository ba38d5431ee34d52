import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { Invalid, Unauthorized } from "../../edge/errors.ts";
import {
  authenticate,
  hashToken,
  InvalidCredentials,
  InvalidEmail,
  InvalidEmailToken,
  InvalidRefreshToken,
  issueRefreshToken,
  needsRehash,
  registerUser,
  requestPasswordReset,
  resetPassword,
  rotateRefreshToken,
  verifyEmail,
  WeakPassword,
} from "./mod.ts";
import { hashPasswordWith } from "./passwords.ts";
import {
  queued,
  resetUrl,
  tokenFromOutbox,
  verifyUrl,
  withIdentityDatabase,
} from "./_test_util.ts";
import type { Sql } from "../../db/client.ts";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "tangerine orbit lantern 42";
const SHOP_URL = "https://shop.test/en/";

function register(
  sql: Sql,
  overrides: Partial<Parameters<typeof registerUser>[1]> = {},
) {
  return registerUser(sql, {
    email: "Ada@Example.com",
    password: PASSWORD,
    name: "Ada Lovelace",
    language: "en",
    verifyUrl,
    ...overrides,
  });
}

async function count(sql: Sql, table: "users" | "email_tokens") {
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from ${sql("identity." + table)}`;
  return n;
}

function isError<T extends Error>(
  type: abstract new (...args: never[]) => T,
  code: string,
) {
  return (error: unknown) => {
    assert.ok(error instanceof type, `got ${error}`);
    assert.equal((error as unknown as { code: string }).code, code);
    return true;
  };
}

Deno.test({
  name:
    "registerUser() creates a customer and queues verify_email with the token's link",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      assert.deepEqual(await register(sql, { language: "de" }), {
        status: "pending_verification",
      });
      const [user] = await sql`
        select u.id, u.email, u.name, u.preferred_language, u.status,
          u.email_verified_at, array_agg(r.role) as roles
        from identity.users u join identity.user_roles r on r.user_id = u.id
        group by u.id`;
      assert.equal(user.email, "ada@example.com");
      assert.equal(user.name, "Ada Lovelace");
      assert.equal(user.preferred_language, "de");
      assert.equal(user.status, "active");
      assert.equal(user.email_verified_at, null);
      assert.deepEqual(user.roles, ["customer"]);

      const [emailToken] = await sql`
        select id, user_id, purpose, token_hash,
          extract(epoch from expires_at - now())::int as ttl
        from identity.email_tokens`;
      assert.equal(emailToken.user_id, user.id);
      assert.equal(emailToken.purpose, "verify_email");
      assert.ok(Math.abs(emailToken.ttl - 24 * 3600) < 60);

      const [email] = await queued(sql);
      assert.equal(email.eventId, `verify-email:${emailToken.id}`);
      assert.equal(email.kind, "verify_email");
      assert.equal(email.recipient, "ada@example.com");
      assert.equal(email.language, "de");
      const token = await tokenFromOutbox(sql, "verify_email");
      assert.deepEqual(email.payload, {
        name: "Ada Lovelace",
        url: verifyUrl(token),
        expiresInHours: 24,
      });
      assert.equal(hashToken(token), emailToken.token_hash);
    });
  },
});

Deno.test({
  name:
    "registerUser() answers the same for a taken address and queues nothing",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const first = await register(sql);
      const second = await register(sql, {
        email: "  ADA@example.COM ",
        password: "another long passphrase",
        name: "Mallory",
      });
      assert.deepEqual(second, first);
      assert.equal(await count(sql, "users"), 1);
      assert.equal(await count(sql, "email_tokens"), 1);
      assert.equal((await queued(sql)).length, 1);
      // The original password still signs in.
      const user = await authenticate(sql, {
        email: "ada@example.com",
        password: PASSWORD,
      });
      assert.equal(user.name, "Ada Lovelace");
    });
  },
});

Deno.test({
  name: "registerUser() refuses a weak password with its problem codes",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await assert.rejects(
        register(sql, { password: "password1" }),
        (error: unknown) => {
          assert.ok(error instanceof WeakPassword);
          assert.ok(error instanceof Invalid);
          assert.equal(error.code, "weak_password");
          assert.equal(error.status, 400);
          assert.deepEqual(error.details, ["too_short", "common"]);
          return true;
        },
      );
      await assert.rejects(
        register(sql, { password: "ada@example.com-2024" }),
        (error: unknown) =>
          error instanceof WeakPassword &&
          error.problems.includes("contains_email"),
      );
      assert.equal(await count(sql, "users"), 0);
      assert.equal((await queued(sql)).length, 0);
    });
  },
});

Deno.test({
  name: "registerUser() refuses an address that is not one",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      for (const email of ["ada", "ada@", "a da@example.com", "ada@example"]) {
        await assert.rejects(
          register(sql, { email }),
          isError(InvalidEmail, "invalid_email"),
        );
      }
      assert.equal(await count(sql, "users"), 0);
    });
  },
});

Deno.test({
  name:
    "authenticate() answers the account, and InvalidCredentials for a wrong password or unknown address",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const user = await authenticate(sql, {
        email: " ADA@example.com",
        password: PASSWORD,
      });
      assert.match(user.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual({ ...user, id: "" }, {
        id: "",
        email: "ada@example.com",
        name: "Ada Lovelace",
        roles: ["customer"],
        emailVerified: false,
      });
      for (
        const attempt of [
          { email: "ada@example.com", password: "wrong password entirely" },
          { email: "nobody@example.com", password: PASSWORD },
          { email: "not an email", password: PASSWORD },
          { email: "ada@example.com", password: "x".repeat(5000) },
        ]
      ) {
        await assert.rejects(authenticate(sql, attempt), (error: unknown) => {
          assert.ok(error instanceof InvalidCredentials);
          assert.ok(error instanceof Unauthorized);
          assert.equal(error.code, "invalid_credentials");
          assert.equal(error.status, 401);
          return true;
        });
      }
    });
  },
});

Deno.test({
  name: "authenticate() refuses a deleted account",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      await sql`
        update identity.users set status = 'deleted', deleted_at = now()`;
      await assert.rejects(
        authenticate(sql, { email: "ada@example.com", password: PASSWORD }),
        InvalidCredentials,
      );
    });
  },
});

Deno.test({
  name: "authenticate() replaces a hash made with weaker parameters",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const weak = await hashPasswordWith(PASSWORD, { m: 1024, t: 1, p: 1 });
      await sql`update identity.users set password_hash = ${weak}`;
      await authenticate(sql, { email: "ada@example.com", password: PASSWORD });
      const [{ password_hash }] = await sql`
        select password_hash from identity.users`;
      assert.notEqual(password_hash, weak);
      assert.equal(needsRehash(password_hash), false);
      await authenticate(sql, { email: "ada@example.com", password: PASSWORD });
    });
  },
});

Deno.test({
  name:
    "verifyEmail() marks the account verified, queues welcome once, and works once",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const token = await tokenFromOutbox(sql, "verify_email");
      const { userId } = await verifyEmail(sql, { token, shopUrl: SHOP_URL });
      const user = await authenticate(sql, {
        email: "ada@example.com",
        password: PASSWORD,
      });
      assert.equal(user.id, userId);
      assert.equal(user.emailVerified, true);
      const welcome = await queued(sql, "welcome");
      assert.deepEqual(welcome, [{
        eventId: `welcome:${userId}`,
        kind: "welcome",
        recipient: "ada@example.com",
        language: "en",
        payload: { name: "Ada Lovelace", shopUrl: SHOP_URL },
      }]);
      await assert.rejects(
        verifyEmail(sql, { token, shopUrl: SHOP_URL }),
        isError(InvalidEmailToken, "invalid_token"),
      );
      assert.equal((await queued(sql, "welcome")).length, 1);
    });
  },
});

Deno.test({
  name: "verifyEmail() refuses an expired, unknown or malformed token",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const token = await tokenFromOutbox(sql, "verify_email");
      await sql`
        update identity.email_tokens set expires_at = now() - interval '1 second'`;
      for (const candidate of [token, "A".repeat(43), "short", ""]) {
        await assert.rejects(
          verifyEmail(sql, { token: candidate, shopUrl: SHOP_URL }),
          (error: unknown) => {
            assert.ok(error instanceof InvalidEmailToken);
            assert.ok(error instanceof Invalid);
            assert.equal(error.code, "invalid_token");
            assert.equal(error.message, "The link is invalid or has expired");
            return true;
          },
        );
      }
      const [{ verified }] = await sql`
        select email_verified_at is not null as verified from identity.users`;
      assert.equal(verified, false);
      assert.equal((await queued(sql, "welcome")).length, 0);
    });
  },
});

Deno.test({
  name:
    "requestPasswordReset() queues password_reset for an account and nothing for an unknown address",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql, { language: "fr" });
      assert.equal(
        await requestPasswordReset(sql, {
          email: "nobody@example.com",
          resetUrl,
        }),
        undefined,
      );
      assert.equal((await queued(sql, "password_reset")).length, 0);
      assert.equal(
        await requestPasswordReset(sql, { email: "ADA@example.com", resetUrl }),
        undefined,
      );
      const [email] = await queued(sql, "password_reset");
      const token = await tokenFromOutbox(sql, "password_reset");
      const [row] = await sql`
        select id, extract(epoch from expires_at - now())::int as ttl
        from identity.email_tokens where purpose = 'reset_password'`;
      assert.ok(Math.abs(row.ttl - 3600) < 60);
      assert.deepEqual(email, {
        eventId: `password-reset:${row.id}`,
        kind: "password_reset",
        recipient: "ada@example.com",
        language: "fr",
        payload: {
          name: "Ada Lovelace",
          url: resetUrl(token),
          expiresInMinutes: 60,
        },
      });
      await requestPasswordReset(sql, {
        email: "ada@example.com",
        resetUrl,
        language: "de",
      });
      const emails = await queued(sql, "password_reset");
      assert.equal(emails.length, 2);
      assert.ok(emails.some((queuedEmail) => queuedEmail.language === "de"));
      // A new request closes the earlier link.
      await assert.rejects(
        resetPassword(sql, { token, password: NEW_PASSWORD }),
        InvalidEmailToken,
      );
    });
  },
});

Deno.test({
  name:
    "resetPassword() sets the new password, signs every session out and works once",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const user = await authenticate(sql, {
        email: "ada@example.com",
        password: PASSWORD,
      });
      const session = await issueRefreshToken(sql, { userId: user.id });
      await requestPasswordReset(sql, { email: "ada@example.com", resetUrl });
      const token = await tokenFromOutbox(sql, "password_reset");

      await assert.rejects(
        resetPassword(sql, { token, password: "short" }),
        isError(WeakPassword, "weak_password"),
      );
      assert.deepEqual(
        await resetPassword(sql, { token, password: NEW_PASSWORD }),
        { userId: user.id },
      );

      await assert.rejects(
        authenticate(sql, { email: "ada@example.com", password: PASSWORD }),
        InvalidCredentials,
      );
      const again = await authenticate(sql, {
        email: "ada@example.com",
        password: NEW_PASSWORD,
      });
      assert.equal(again.id, user.id);
      // The reset link proved the address.
      assert.equal(again.emailVerified, true);
      await assert.rejects(
        rotateRefreshToken(sql, { token: session.token }),
        InvalidRefreshToken,
      );
      await assert.rejects(
        resetPassword(sql, { token, password: "yet another passphrase" }),
        isError(InvalidEmailToken, "invalid_token"),
      );
      await authenticate(sql, {
        email: "ada@example.com",
        password: NEW_PASSWORD,
      });
    });
  },
});

Deno.test({
  name: "resetPassword() refuses an expired token and a verification token",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      await register(sql);
      const verifyToken = await tokenFromOutbox(sql, "verify_email");
      await assert.rejects(
        resetPassword(sql, { token: verifyToken, password: NEW_PASSWORD }),
        InvalidEmailToken,
      );
      await requestPasswordReset(sql, { email: "ada@example.com", resetUrl });
      const token = await tokenFromOutbox(sql, "password_reset");
      await sql`
        update identity.email_tokens set expires_at = now() - interval '1 second'
        where purpose = 'reset_password'`;
      await assert.rejects(
        resetPassword(sql, { token, password: NEW_PASSWORD }),
        InvalidEmailToken,
      );
      await authenticate(sql, { email: "ada@example.com", password: PASSWORD });
    });
  },
});
