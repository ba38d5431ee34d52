import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { NotFound } from "../../edge/errors.ts";
import { translator } from "../../edge/i18n.ts";
import {
  addAddress,
  authenticate,
  deleteAccount,
  exportAccountData,
  getProfile,
  InvalidCredentials,
  InvalidRefreshToken,
  issueRefreshToken,
  listAddresses,
  registerUser,
  rotateRefreshToken,
} from "./mod.ts";
import { insertUser, verifyUrl, withIdentityDatabase } from "./_test_util.ts";

const PASSWORD = "correct horse battery staple";
const ADDRESS = {
  type: "billing",
  isDefault: true,
  name: "Ada Lovelace",
  line1: "Unter den Linden 1",
  city: "Berlin",
  postalCode: "10117",
  country: "DE",
};

Deno.test({
  name:
    "exportAccountData() holds profile, roles, addresses and sessions, no secrets",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      await sql`
        update identity.users set password_hash = '$argon2id$v=19$secret'
        where id = ${userId}`;
      const address = await addAddress(sql, {
        userId,
        input: ADDRESS,
        t: translator("en"),
      });
      const session = await issueRefreshToken(sql, {
        userId,
        userAgent: "Firefox/130",
      });
      const data = await exportAccountData(sql, userId);
      assert.equal(data.profile.id, userId);
      assert.deepEqual(data.profile.roles, ["customer"]);
      assert.deepEqual(data.roles.map((r) => r.role), ["customer"]);
      assert.deepEqual(data.addresses.map((a) => a.id), [address.id]);
      assert.equal(data.sessions.length, 1);
      assert.equal(data.sessions[0].userAgent, "Firefox/130");
      assert.equal(data.sessions[0].active, true);
      assert.equal(
        data.sessions[0].expiresAt.getTime(),
        session.expiresAt.getTime(),
      );
      const json = JSON.stringify(data);
      assert.doesNotMatch(json, /argon2|secret|hash/i);
      assert.ok(!json.includes(session.token));
      const [{ tokenHash }] = await sql`
        select token_hash as "tokenHash" from identity.refresh_tokens
        where user_id = ${userId}`;
      assert.ok(!json.includes(tokenHash));
    }),
});

Deno.test({
  name:
    "deleteAccount() anonymises the account, keeps its id and ends its sessions",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      await registerUser(sql, {
        email: "ada@example.com",
        password: PASSWORD,
        name: "Ada Lovelace",
        language: "en",
        verifyUrl,
      });
      const signedIn = await authenticate(sql, {
        email: "ada@example.com",
        password: PASSWORD,
      });
      const userId = signedIn.id;
      await addAddress(sql, {
        userId,
        input: ADDRESS,
        t: translator("en"),
      });
      const session = await issueRefreshToken(sql, {
        userId,
        userAgent: "Firefox/130",
      });

      await deleteAccount(sql, userId);

      const [row] = await sql`
        select email, name, phone, password_hash as "passwordHash", status,
          deleted_at as "deletedAt"
        from identity.users where id = ${userId}`;
      assert.equal(row.email, `deleted-${userId}@invalid`);
      assert.equal(row.name, "");
      assert.equal(row.phone, null);
      assert.equal(row.passwordHash, null);
      assert.equal(row.status, "deleted");
      assert.ok(row.deletedAt instanceof Date);
      const [counts] = await sql`
        select
          (select count(*)::int from identity.addresses
            where user_id = ${userId}) as addresses,
          (select count(*)::int from identity.user_roles
            where user_id = ${userId}) as roles,
          (select count(*)::int from identity.email_tokens
            where user_id = ${userId}) as "emailTokens",
          (select count(*)::int from identity.refresh_tokens
            where user_id = ${userId} and (revoked_at is null
              or user_agent is not null)) as "liveSessions"`;
      assert.deepEqual(
        { ...counts },
        { addresses: 0, roles: 0, emailTokens: 0, liveSessions: 0 },
      );

      await assert.rejects(
        authenticate(sql, { email: "ada@example.com", password: PASSWORD }),
        InvalidCredentials,
      );
      await assert.rejects(
        rotateRefreshToken(sql, { token: session.token }),
        InvalidRefreshToken,
      );
      await assert.rejects(getProfile(sql, userId), NotFound);
      await assert.rejects(listAddresses(sql, userId), NotFound);
      await assert.rejects(exportAccountData(sql, userId), NotFound);
      await assert.rejects(deleteAccount(sql, userId), NotFound);

      // The address is free again.
      await registerUser(sql, {
        email: "ada@example.com",
        password: PASSWORD,
        name: "Ada",
        language: "en",
        verifyUrl,
      });
      const [again] = await sql`
        select id from identity.users
        where email = 'ada@example.com' and status = 'active'`;
      assert.notEqual(again.id, userId);
    }),
});
