import assert from "node:assert/strict";
import type { AuditActor } from "../admin/mod.ts";
import { auditLog } from "../admin/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { Forbidden, Invalid, NotFound } from "../../edge/errors.ts";
import {
  AccountDisabled,
  AccountNotActive,
  adminUserDetail,
  authenticate,
  deleteAccount,
  disableUser,
  enableUser,
  hashPassword,
  InvalidCredentials,
  InvalidRefreshToken,
  issueRefreshToken,
  listUsers,
  registerUser,
  requestPasswordReset,
  resetPassword,
  type Role,
  rotateRefreshToken,
  sendPasswordReset,
  setUserRoles,
  StaffActionRefused,
} from "./mod.ts";
import {
  insertUser,
  queued,
  resetUrl,
  tokenFromOutbox,
  verifyUrl,
  withIdentityDatabase,
} from "./_test_util.ts";

const PASSWORD = "correct horse battery staple";
const passwordHash = hashPassword(PASSWORD);

/** An account with a password, holding `roles`; its id and email. */
async function account(
  sql: Sql,
  options: { roles?: Role[]; email?: string; name?: string } = {},
): Promise<{ id: string; email: string }> {
  const email = options.email ?? `${crypto.randomUUID()}@example.com`;
  const id = await insertUser(sql, { email, roles: options.roles });
  await sql`
    update identity.users
    set password_hash = ${await passwordHash},
      name = ${options.name ?? "Test"}
    where id = ${id}`;
  return { id, email };
}

/** The staff member `id` as the audit log names them. */
function actor(id: string, roles: Role[] = ["customer", "admin"]): AuditActor {
  return { id, roles, requestId: "req-test" };
}

async function audits(sql: Sql, userId: string) {
  const page = await auditLog(sql, { entityType: "user", entityId: userId });
  return page!.items.toReversed();
}

Deno.test({
  name: "disableUser() ends every session and refuses sign-in until enabled",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const admin = await account(sql, { roles: ["customer", "admin"] });
      const ada = await account(sql, { name: "Ada" });
      const signedIn = await authenticate(sql, {
        email: ada.email,
        password: PASSWORD,
      });
      assert.equal(signedIn.id, ada.id);
      const before = await adminUserDetail(sql, { userId: ada.id });
      assert.ok(before.lastSignInAt instanceof Date);
      assert.equal(before.status, "active");
      const phone = await issueRefreshToken(sql, { userId: ada.id });
      const laptop = await issueRefreshToken(sql, { userId: ada.id });
      assert.equal(
        (await adminUserDetail(sql, { userId: ada.id })).activeSessions,
        2,
      );

      const change = await disableUser(sql, actor(admin.id), {
        userId: ada.id,
        reason: "Chargeback fraud",
      });
      assert.equal(change.changed, true);
      assert.equal(change.sessionsRevoked, 2);
      assert.equal(change.user.status, "disabled");
      assert.ok(change.user.disabledAt instanceof Date);

      // The right password learns why; a wrong one learns nothing.
      const refused = await authenticate(sql, {
        email: ada.email,
        password: PASSWORD,
      }).catch((error) => error);
      assert.ok(refused instanceof AccountDisabled);
      assert.equal(refused.status, 403);
      assert.equal(refused.code, "account_disabled");
      assert.match(refused.message, /disabled/);
      const wrong = await authenticate(sql, {
        email: ada.email,
        password: "not the password at all",
      }).catch((error) => error);
      assert.ok(wrong instanceof InvalidCredentials);
      assert.ok(!(wrong instanceof AccountDisabled));

      for (const { token } of [phone, laptop]) {
        await assert.rejects(
          rotateRefreshToken(sql, { token }),
          InvalidRefreshToken,
        );
      }
      await assert.rejects(
        issueRefreshToken(sql, { userId: ada.id }),
        NotFound,
      );
      assert.equal(
        (await adminUserDetail(sql, { userId: ada.id })).activeSessions,
        0,
      );

      // The address stays taken, and no reset link goes out for it.
      await registerUser(sql, {
        email: ada.email,
        password: "another long passphrase",
        name: "Mallory",
        language: "en",
        verifyUrl,
      });
      const [{ count }] = await sql`
        select count(*)::int from identity.users
        where lower(email) = ${ada.email}`;
      assert.equal(count, 1);
      await requestPasswordReset(sql, { email: ada.email, resetUrl });
      assert.deepEqual(await queued(sql), []);

      const again = await disableUser(sql, actor(admin.id), {
        userId: ada.id,
      });
      assert.equal(again.changed, false);

      const enabled = await enableUser(sql, actor(admin.id), {
        userId: ada.id,
      });
      assert.equal(enabled.changed, true);
      assert.equal(enabled.user.status, "active");
      assert.equal(enabled.user.disabledAt, null);
      await authenticate(sql, { email: ada.email, password: PASSWORD });
      await assert.rejects(
        rotateRefreshToken(sql, { token: phone.token }),
        InvalidRefreshToken,
      );

      const entries = await audits(sql, ada.id);
      assert.deepEqual(entries.map((entry) => entry.action), [
        "user.disable",
        "user.enable",
      ]);
      const [disable, enable] = entries;
      assert.equal(disable.actorId, admin.id);
      assert.equal(disable.requestId, "req-test");
      assert.deepEqual(disable.before, { status: "active", disabledAt: null });
      assert.equal((disable.after as { status: string }).status, "disabled");
      assert.equal(
        (disable.after as { reason: string }).reason,
        "Chargeback fraud",
      );
      assert.equal(
        (disable.after as { sessionsRevoked: number }).sessionsRevoked,
        2,
      );
      assert.equal((enable.before as { status: string }).status, "disabled");
      assert.deepEqual(enable.after, { status: "active", disabledAt: null });
    });
  },
});

Deno.test({
  name:
    "disableUser() refuses one's own account, a super admin's unless a super admin, and stale staff",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const admin = await insertUser(sql, { roles: ["customer", "admin"] });
      const root = await insertUser(sql, {
        roles: ["customer", "super_admin"],
      });
      const root2 = await insertUser(sql, {
        roles: ["customer", "super_admin"],
      });
      const ada = await insertUser(sql);
      const refusal = (code: string) => (error: unknown) =>
        error instanceof StaffActionRefused && error.code === code &&
        error.status === 403;

      await assert.rejects(
        disableUser(sql, actor(admin), { userId: admin }),
        refusal("cannot_change_own_status"),
      );
      await assert.rejects(
        enableUser(sql, actor(admin), { userId: admin }),
        refusal("cannot_change_own_status"),
      );
      await assert.rejects(
        disableUser(sql, actor(admin), { userId: root }),
        refusal("cannot_disable_super_admin"),
      );
      const rootActor = actor(root, ["customer", "super_admin"]);
      assert.equal(
        (await disableUser(sql, rootActor, { userId: root2 })).changed,
        true,
      );

      // A token's claims are minutes old: the database decides.
      const demoted = await insertUser(sql, { roles: ["customer"] });
      await assert.rejects(
        disableUser(sql, actor(demoted), { userId: ada }),
        Forbidden,
      );
      await disableUser(sql, rootActor, { userId: admin });
      await assert.rejects(
        disableUser(sql, actor(admin), { userId: ada }),
        Forbidden,
      );

      for (const userId of [crypto.randomUUID(), "nope"]) {
        await assert.rejects(
          disableUser(sql, rootActor, { userId }),
          NotFound,
        );
      }
      await deleteAccount(sql, ada);
      await assert.rejects(
        disableUser(sql, rootActor, { userId: ada }),
        NotFound,
      );
      assert.equal((await audits(sql, ada)).length, 0);
    });
  },
});

Deno.test({
  name:
    "setUserRoles() is for super admins, keeps customer and one's own super_admin",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const admin = await insertUser(sql, { roles: ["customer", "admin"] });
      const root = await insertUser(sql, {
        roles: ["customer", "super_admin"],
      });
      const ada = await account(sql);
      const rootActor = actor(root, ["customer", "super_admin"]);

      // An admin's token would not get here (roles:grant); its claims
      // claiming super_admin do not help either.
      await assert.rejects(
        setUserRoles(sql, actor(admin, ["super_admin"]), {
          userId: ada.id,
          roles: ["admin"],
        }),
        Forbidden,
      );

      const family = await issueRefreshToken(sql, { userId: ada.id });
      const granted = await setUserRoles(sql, rootActor, {
        userId: ada.id,
        roles: ["admin"],
      });
      assert.deepEqual(granted, {
        userId: ada.id,
        roles: ["customer", "admin"],
        previousRoles: ["customer"],
        changed: true,
        takesEffect: "next_token_refresh",
      });
      const [row] = await sql`
        select granted_by from identity.user_roles
        where user_id = ${ada.id} and role = 'admin'`;
      assert.equal(row.granted_by, root);
      // The next refresh carries the new roles.
      const rotated = await rotateRefreshToken(sql, { token: family.token });
      assert.deepEqual(rotated.roles, ["customer", "admin"]);

      const same = await setUserRoles(sql, rootActor, {
        userId: ada.id,
        roles: ["admin", "customer", "admin"],
      });
      assert.equal(same.changed, false);

      const revoked = await setUserRoles(sql, rootActor, {
        userId: ada.id,
        roles: [],
      });
      assert.deepEqual(revoked.roles, ["customer"]);
      assert.deepEqual(revoked.previousRoles, ["customer", "admin"]);

      await assert.rejects(
        setUserRoles(sql, rootActor, { userId: root, roles: ["admin"] }),
        (error: unknown) =>
          error instanceof StaffActionRefused &&
          error.code === "cannot_remove_own_super_admin",
      );
      const mine = await setUserRoles(sql, rootActor, {
        userId: root,
        roles: ["super_admin", "admin"],
      });
      assert.deepEqual(mine.roles, ["customer", "admin", "super_admin"]);

      await assert.rejects(
        setUserRoles(sql, rootActor, { userId: ada.id, roles: ["root"] }),
        Invalid,
      );
      await assert.rejects(
        setUserRoles(sql, rootActor, {
          userId: crypto.randomUUID(),
          roles: [],
        }),
        NotFound,
      );

      const entries = await audits(sql, ada.id);
      assert.deepEqual(
        entries.map((entry) => [entry.action, entry.before, entry.after]),
        [
          ["user.roles", { roles: ["customer"] }, {
            roles: ["customer", "admin"],
          }],
          ["user.roles", { roles: ["customer", "admin"] }, {
            roles: ["customer"],
          }],
        ],
      );
    });
  },
});

Deno.test({
  name: "listUsers() searches, filters and pages newest first",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const root = await insertUser(sql, {
        roles: ["customer", "super_admin"],
      });
      const ids: string[] = [];
      for (
        const [email, name] of [
          ["ada@example.com", "Ada Lovelace"],
          ["grace@example.com", "Grace Hopper"],
          ["jurgen@example.de", "Jürgen Müller"],
          ["percent@example.com", "100% Cotton"],
        ]
      ) {
        ids.push((await account(sql, { email, name })).id);
      }
      const [ada, grace, jurgen] = ids;
      await setUserRoles(sql, actor(root, ["super_admin"]), {
        userId: grace,
        roles: ["admin"],
      });
      await disableUser(sql, actor(root, ["super_admin"]), { userId: jurgen });
      const gone = await insertUser(sql);
      await deleteAccount(sql, gone);

      const emails = async (filter: Parameters<typeof listUsers>[1]) =>
        (await listUsers(sql, filter))!.items.map((user) => user.email);

      assert.deepEqual(await emails({ q: "ADA@" }), ["ada@example.com"]);
      assert.deepEqual(await emails({ q: "hopper" }), ["grace@example.com"]);
      assert.deepEqual(await emails({ q: "MÜLLER" }), ["jurgen@example.de"]);
      assert.deepEqual(await emails({ q: "%" }), ["percent@example.com"]);
      assert.deepEqual(await emails({ q: "_" }), []);
      assert.deepEqual(await emails({ role: "admin" }), ["grace@example.com"]);
      assert.deepEqual(await emails({ status: "disabled" }), [
        "jurgen@example.de",
      ]);
      assert.deepEqual(await emails({ status: "deleted" }), [
        `deleted-${gone}@invalid`,
      ]);

      const all = await listUsers(sql, {});
      assert.equal(all!.items.length, 5);
      assert.ok(!all!.items.some((user) => user.id === gone));
      const graceRow = all!.items.find((user) => user.id === grace)!;
      assert.deepEqual(graceRow.roles, ["customer", "admin"]);
      assert.equal(graceRow.lastSignInAt, null);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(sql, { limit: 2, cursor });
        assert.ok(page && page.items.length <= 2);
        seen.push(...page.items.map((user) => user.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, all!.items.map((user) => user.id));
      assert.deepEqual(seen.slice(-4).toReversed(), [root, ada, grace, jurgen]);

      assert.equal(await listUsers(sql, { cursor: "nope" }), null);
      assert.equal(
        await listUsers(sql, { cursor: btoa(JSON.stringify(["x", "y"])) }),
        null,
      );
    });
  },
});

Deno.test({
  name: "sendPasswordReset() sends the forgot-password email, audited",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const admin = await insertUser(sql, { roles: ["customer", "admin"] });
      const ada = await account(sql, { name: "Ada" });
      await sql`
        update identity.users set preferred_language = 'de'
        where id = ${ada.id}`;
      const options = {
        userId: ada.id,
        resetUrl: (token: string, language: string) =>
          `https://shop.test/${language}/account/reset?token=${token}`,
        fallbackLanguage: "en",
      };
      const sent = await sendPasswordReset(sql, actor(admin), options);
      assert.deepEqual(sent, {
        userId: ada.id,
        email: ada.email,
        language: "de",
        expiresInMinutes: 60,
      });
      const [email] = await queued(sql, "password_reset");
      assert.equal(email.recipient, ada.email);
      assert.equal(email.language, "de");
      assert.match(String(email.payload.url), /\/de\/account\/reset\?token=/);

      // A second one replaces the first link; the link resets the password.
      await sendPasswordReset(sql, actor(admin), options);
      const token = await tokenFromOutbox(sql, "password_reset");
      await resetPassword(sql, { token, password: "a brand new passphrase" });
      await authenticate(sql, {
        email: ada.email,
        password: "a brand new passphrase",
      });

      const entries = await audits(sql, ada.id);
      assert.equal(entries.length, 2);
      assert.equal(entries[0].action, "user.password_reset");
      assert.deepEqual(entries[0].before, { resetLinkPending: false });
      assert.deepEqual(entries[0].after, {
        resetLinkPending: true,
        sentTo: ada.email,
        language: "de",
      });
      assert.deepEqual(entries[1].before, { resetLinkPending: true });

      await disableUser(sql, actor(admin), { userId: ada.id });
      const refused = await sendPasswordReset(sql, actor(admin), options)
        .catch((error) => error);
      assert.ok(refused instanceof AccountNotActive);
      assert.equal(refused.status, 409);
      assert.equal(refused.code, "account_disabled");
      await assert.rejects(
        sendPasswordReset(sql, actor(ada.id, ["customer"]), options),
        Forbidden,
      );
    });
  },
});
