import assert from "node:assert/strict";
import { z } from "zod";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { Invalid, NotFound } from "../../edge/errors.ts";
import { getProfile, type ProfilePatch, updateProfile } from "./mod.ts";
import { insertUser, withIdentityDatabase } from "./_test_util.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

Deno.test({
  name: "getProfile() answers an active account with its roles",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const id = await insertUser(sql, {
        email: "ada@example.com",
        roles: ["customer", "admin"],
      });
      const profile = await getProfile(sql, id);
      assert.equal(profile.id, id);
      assert.equal(profile.email, "ada@example.com");
      assert.equal(profile.emailVerified, false);
      assert.equal(profile.name, "Test");
      assert.equal(profile.phone, null);
      assert.equal(profile.preferredLanguage, null);
      assert.equal(profile.marketingConsent, false);
      assert.deepEqual(profile.roles, ["customer", "admin"]);
      assert.ok(profile.createdAt instanceof Date);
      assert.equal("passwordHash" in profile, false);
    }),
});

Deno.test({
  name: "getProfile() throws NotFound for unknown, malformed and deleted ids",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const id = await insertUser(sql);
      await sql`
        update identity.users set status = 'deleted', deleted_at = now()
        where id = ${id}`;
      for (const userId of [UNKNOWN, "me", "", id]) {
        await assert.rejects(getProfile(sql, userId), NotFound);
      }
    }),
});

Deno.test({
  name: "updateProfile() changes only the given fields and normalizes them",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const id = await insertUser(sql);
      const before = await getProfile(sql, id);
      const after = await updateProfile(sql, {
        userId: id,
        patch: {
          name: "  Ada Lovelace ",
          phone: "＋４４ ２０ ７９４６ ０９５８",
          preferredLanguage: "de",
          preferredCurrency: "EUR",
          marketingConsent: true,
        },
        currencies: ["USD", "EUR"],
      });
      assert.equal(after.name, "Ada Lovelace");
      assert.equal(after.phone, "+44 20 7946 0958");
      assert.equal(after.preferredLanguage, "de");
      assert.equal(after.preferredCurrency, "EUR");
      assert.equal(after.marketingConsent, true);
      assert.ok(after.updatedAt >= before.updatedAt);

      const cleared = await updateProfile(sql, {
        userId: id,
        patch: { phone: "", preferredCurrency: null },
      });
      assert.equal(cleared.phone, null);
      assert.equal(cleared.preferredCurrency, null);
      assert.equal(cleared.name, "Ada Lovelace");
      assert.equal(cleared.preferredLanguage, "de");
    }),
});

Deno.test({
  name:
    "updateProfile() refuses bad patches, unsold currencies and unknown accounts",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const id = await insertUser(sql);
      const bad: unknown[] = [
        {},
        { name: "" },
        { name: "x".repeat(201) },
        { phone: "call me" },
        { preferredLanguage: "xx" },
        { preferredCurrency: "eur" },
        { marketingConsent: "yes" },
        { email: "new@example.com" },
        { name: "Ada", role: "admin" },
      ];
      for (const patch of bad) {
        await assert.rejects(
          updateProfile(sql, { userId: id, patch: patch as ProfilePatch }),
          // ZodError is no Error subclass: assert.rejects needs a predicate.
          (error) => error instanceof z.ZodError,
          JSON.stringify(patch),
        );
      }
      await assert.rejects(
        updateProfile(sql, {
          userId: id,
          patch: { preferredCurrency: "XAU" },
          currencies: ["USD", "EUR"],
        }),
        (error) =>
          error instanceof Invalid && error.code === "unsupported_currency",
      );
      await assert.rejects(
        updateProfile(sql, { userId: UNKNOWN, patch: { name: "Bob" } }),
        NotFound,
      );
      assert.equal((await getProfile(sql, id)).name, "Test");
    }),
});
