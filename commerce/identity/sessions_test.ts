import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { NotFound, Unauthorized } from "../../edge/errors.ts";
import {
  hashToken,
  InvalidRefreshToken,
  isOpaqueToken,
  issueRefreshToken,
  RefreshTokenReused,
  revokeAllSessions,
  revokeRefreshToken,
  rotateRefreshToken,
} from "./mod.ts";
import { insertUser, withIdentityDatabase } from "./_test_util.ts";

function refused(code: string, type = InvalidRefreshToken) {
  return (error: unknown) => {
    assert.ok(error instanceof type, `got ${error}`);
    assert.ok(error instanceof Unauthorized);
    assert.equal(error.status, 401);
    assert.equal(error.code, code);
    return true;
  };
}

async function familyRows(sql: Sql, familyId: string) {
  const rows = await sql<{ rotated: boolean; revoked: boolean }[]>`
    select rotated_at is not null as rotated,
      revoked_at is not null as revoked
    from identity.refresh_tokens where family_id = ${familyId}
    order by created_at, id`;
  return [...rows];
}

Deno.test({
  name: "issueRefreshToken() stores only the token's hash",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const issued = await issueRefreshToken(sql, {
        userId,
        userAgent: "x".repeat(600),
        ttlDays: 7,
      });
      assert.ok(isOpaqueToken(issued.token));
      assert.match(issued.familyId, /^[0-9a-f-]{36}$/);
      const [row] = await sql`
        select token_hash, family_id, length(user_agent) as ua,
          extract(epoch from expires_at - now())::int as ttl
        from identity.refresh_tokens`;
      assert.equal(row.token_hash, hashToken(issued.token));
      assert.equal(row.family_id, issued.familyId);
      assert.equal(row.ua, 512);
      assert.ok(Math.abs(row.ttl - 7 * 86400) < 60);
      assert.ok(
        Math.abs(issued.expiresAt.getTime() - Date.now() - 7 * 86400_000) <
          60_000,
      );
      await assert.rejects(
        issueRefreshToken(sql, { userId: crypto.randomUUID() }),
        NotFound,
      );
    });
  },
});

Deno.test({
  name:
    "rotateRefreshToken() issues the next token; replaying the old one revokes the family",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql, { roles: ["customer", "admin"] });
      const first = await issueRefreshToken(sql, { userId });
      const other = await issueRefreshToken(sql, { userId });

      const second = await rotateRefreshToken(sql, {
        token: first.token,
        userAgent: "Firefox",
      });
      assert.equal(second.userId, userId);
      assert.deepEqual(second.roles, ["customer", "admin"]);
      assert.equal(second.familyId, first.familyId);
      assert.notEqual(second.token, first.token);
      const third = await rotateRefreshToken(sql, { token: second.token });
      assert.equal(third.familyId, first.familyId);
      assert.deepEqual(await familyRows(sql, first.familyId), [
        { rotated: true, revoked: false },
        { rotated: true, revoked: false },
        { rotated: false, revoked: false },
      ]);

      // The stolen first token comes back: everything of its family dies,
      // and stays dead although the call threw.
      await assert.rejects(
        rotateRefreshToken(sql, { token: first.token }),
        (error: unknown) => {
          assert.ok(error instanceof RefreshTokenReused);
          assert.equal(error.familyId, first.familyId);
          return refused("refresh_token_reused")(error);
        },
      );
      assert.ok(
        (await familyRows(sql, first.familyId)).every((row) => row.revoked),
      );
      await assert.rejects(
        rotateRefreshToken(sql, { token: third.token }),
        refused("invalid_refresh_token"),
      );
      await assert.rejects(
        rotateRefreshToken(sql, { token: first.token }),
        refused("invalid_refresh_token"),
      );
      // Another device's session is untouched.
      const next = await rotateRefreshToken(sql, { token: other.token });
      assert.equal(next.familyId, other.familyId);
    });
  },
});

Deno.test({
  name: "rotateRefreshToken() lets one of two concurrent rotations win",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const { token } = await issueRefreshToken(sql, { userId });
      const results = await Promise.allSettled([
        rotateRefreshToken(sql, { token }),
        rotateRefreshToken(sql, { token }),
      ]);
      const won = results.filter((result) => result.status === "fulfilled");
      const lost = results.filter((result) => result.status === "rejected");
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(lost[0].reason instanceof RefreshTokenReused);
    });
  },
});

Deno.test({
  name:
    "rotateRefreshToken() refuses an expired, unknown or malformed token and a deleted account's",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const expired = await issueRefreshToken(sql, { userId });
      await sql`
        update identity.refresh_tokens
        set expires_at = now() - interval '1 second'
        where token_hash = ${hashToken(expired.token)}`;
      for (const token of [expired.token, "A".repeat(43), "nope", ""]) {
        await assert.rejects(
          rotateRefreshToken(sql, { token }),
          refused("invalid_refresh_token"),
        );
      }
      const live = await issueRefreshToken(sql, { userId });
      await sql`
        update identity.users set status = 'deleted', deleted_at = now()`;
      await assert.rejects(
        rotateRefreshToken(sql, { token: live.token }),
        refused("invalid_refresh_token"),
      );
    });
  },
});

Deno.test({
  name: "revokeRefreshToken() signs that session out, and only that one",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const first = await issueRefreshToken(sql, { userId });
      const rotated = await rotateRefreshToken(sql, { token: first.token });
      const other = await issueRefreshToken(sql, { userId });
      // Logging out with the current token ends its family.
      assert.equal(await revokeRefreshToken(sql, rotated.token), 2);
      await assert.rejects(
        rotateRefreshToken(sql, { token: rotated.token }),
        refused("invalid_refresh_token"),
      );
      assert.equal(await revokeRefreshToken(sql, rotated.token), 0);
      assert.equal(await revokeRefreshToken(sql, "garbage"), 0);
      assert.equal(await revokeRefreshToken(sql, "B".repeat(43)), 0);
      await rotateRefreshToken(sql, { token: other.token });
    });
  },
});

Deno.test({
  name: "revokeAllSessions() signs an account out everywhere, and only it",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const ada = await insertUser(sql);
      const bob = await insertUser(sql);
      const phone = await issueRefreshToken(sql, { userId: ada });
      const laptop = await issueRefreshToken(sql, { userId: ada });
      const bobs = await issueRefreshToken(sql, { userId: bob });
      assert.equal(await revokeAllSessions(sql, ada), 2);
      for (const token of [phone.token, laptop.token]) {
        await assert.rejects(
          rotateRefreshToken(sql, { token }),
          refused("invalid_refresh_token"),
        );
      }
      await rotateRefreshToken(sql, { token: bobs.token });
      assert.equal(await revokeAllSessions(sql, ada), 0);
      assert.equal(await revokeAllSessions(sql, "not-a-uuid"), 0);
    });
  },
});
