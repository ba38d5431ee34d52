import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { Forbidden, Invalid, NotFound } from "../../edge/errors.ts";
import {
  can,
  grantRole,
  type Permission,
  PERMISSIONS,
  type Role,
  ROLES,
  userRoles,
} from "./mod.ts";
import { insertUser, withIdentityDatabase } from "./_test_util.ts";

Deno.test("can() follows the PERMISSIONS table", () => {
  const table: Record<Permission, Role[]> = {
    "catalog:read": ["admin", "super_admin"],
    "catalog:write": ["admin", "super_admin"],
    "orders:read": ["admin", "super_admin"],
    "orders:write": ["admin", "super_admin"],
    "customers:read": ["admin", "super_admin"],
    "customers:write": ["admin", "super_admin"],
    "reviews:moderate": ["admin", "super_admin"],
    "localization:write": ["admin", "super_admin"],
    "audit:read": ["admin", "super_admin"],
    "roles:grant": ["super_admin"],
  };
  for (const [permission, allowed] of Object.entries(table)) {
    for (const role of ROLES) {
      assert.equal(
        can([role], permission as Permission),
        allowed.includes(role),
        `${role} ${permission}`,
      );
    }
  }
  assert.deepEqual(PERMISSIONS.customer, []);
  assert.equal(can(["customer", "admin"], "orders:read"), true);
  assert.equal(can([], "orders:read"), false);
  assert.equal(can(["root", "toString"], "orders:read"), false);
  assert.throws(() => (PERMISSIONS.admin as Permission[]).push("roles:grant"));
});

Deno.test({
  name: "grantRole() lets only a super admin grant, once",
  ignore: ignorePostgresTests,
  async fn() {
    await withIdentityDatabase(async (sql) => {
      const root = await insertUser(sql, {
        roles: ["customer", "super_admin"],
      });
      const admin = await insertUser(sql, { roles: ["customer", "admin"] });
      const ada = await insertUser(sql);

      for (const grantedBy of [ada, admin, crypto.randomUUID(), "nope"]) {
        await assert.rejects(
          grantRole(sql, { userId: ada, role: "admin", grantedBy }),
          Forbidden,
        );
      }
      assert.deepEqual(await userRoles(sql, ada), ["customer"]);

      assert.deepEqual(
        await grantRole(sql, { userId: ada, role: "admin", grantedBy: root }),
        { granted: true },
      );
      assert.deepEqual(
        await grantRole(sql, { userId: ada, role: "admin", grantedBy: root }),
        { granted: false },
      );
      assert.deepEqual(await userRoles(sql, ada), ["customer", "admin"]);
      const [row] = await sql`
        select granted_by from identity.user_roles
        where user_id = ${ada} and role = 'admin'`;
      assert.equal(row.granted_by, root);

      await assert.rejects(
        grantRole(sql, {
          userId: crypto.randomUUID(),
          role: "admin",
          grantedBy: root,
        }),
        NotFound,
      );
      await assert.rejects(
        grantRole(sql, {
          userId: ada,
          role: "owner" as Role,
          grantedBy: root,
        }),
        Invalid,
      );
      // A deleted super admin grants nothing.
      await sql`
        update identity.users set status = 'deleted', deleted_at = now()
        where id = ${root}`;
      await assert.rejects(
        grantRole(sql, { userId: admin, role: "super_admin", grantedBy: root }),
        Forbidden,
      );
      assert.deepEqual(await userRoles(sql, crypto.randomUUID()), []);
      assert.deepEqual(await userRoles(sql, "nope"), []);
    });
  },
});
