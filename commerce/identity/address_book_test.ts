import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { translator } from "../../edge/i18n.ts";
import {
  addAddress,
  AddressBookFull,
  deleteAddress,
  InvalidAddress,
  listAddresses,
  MAX_ADDRESSES,
  updateAddress,
} from "./mod.ts";
import { insertUser, withIdentityDatabase } from "./_test_util.ts";

const en = translator("en");
const de = translator("de");

const HOME = {
  type: "shipping",
  name: "Ada Lovelace",
  line1: "1600 Pennsylvania Ave NW",
  city: "Washington",
  region: "dc",
  postalCode: "20500",
  country: "us",
};

const OFFICE = {
  type: "shipping",
  name: "Ada Lovelace",
  company: "Analytical Engines Ltd",
  line1: "10 Downing Street",
  city: "London",
  postalCode: "sw1a2aa",
  country: "GB",
};

function add(sql: Sql, userId: string, input: unknown) {
  return addAddress(sql, { userId, input, t: en });
}

async function defaults(sql: Sql, userId: string) {
  return (await listAddresses(sql, userId))
    .filter((address) => address.isDefault)
    .map((address) => `${address.type}:${address.line1}`);
}

Deno.test({
  name:
    "addAddress() stores the normalized address; listAddresses() answers it",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      assert.deepEqual(await listAddresses(sql, userId), []);
      const added = await add(sql, userId, HOME);
      assert.equal(added.country, "US");
      assert.equal(added.region, "DC");
      assert.equal(added.isDefault, false);
      assert.equal(added.company, null);
      assert.equal(added.phone, null);
      const office = await add(sql, userId, OFFICE);
      assert.equal(office.postalCode, "SW1A 2AA");
      assert.deepEqual(
        (await listAddresses(sql, userId)).map((a) => a.id),
        [added.id, office.id],
      );
    }),
});

Deno.test({
  name: "addAddress() throws InvalidAddress with every problem, localized",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      await assert.rejects(
        addAddress(sql, {
          userId,
          input: { ...HOME, postalCode: "ABC", name: "", nickname: "home" },
          t: de,
        }),
        (error) => {
          assert.ok(error instanceof InvalidAddress);
          assert.equal(error.status, 400);
          assert.equal(error.code, "invalid_address");
          const details = error.details as {
            field: string;
            code: string;
            message: string;
          }[];
          assert.deepEqual(
            details.map((d) => `${d.field}:${d.code}`),
            [
              "name:required",
              "postalCode:invalid_postal_code",
              "nickname:unknown_field",
            ],
          );
          assert.match(details[1].message, /ZIP-Code.*Format/);
          assert.equal(error.errors.length, 3);
          return true;
        },
      );
      assert.deepEqual(await listAddresses(sql, userId), []);
    }),
});

Deno.test({
  name:
    "a new default address takes the default from the old one of its type only",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const home = await add(sql, userId, { ...HOME, isDefault: true });
      await add(sql, userId, { ...HOME, type: "billing", isDefault: true });
      assert.deepEqual(await defaults(sql, userId), [
        "shipping:1600 Pennsylvania Ave NW",
        "billing:1600 Pennsylvania Ave NW",
      ]);
      const office = await add(sql, userId, { ...OFFICE, isDefault: true });
      assert.deepEqual(await defaults(sql, userId), [
        "shipping:10 Downing Street",
        "billing:1600 Pennsylvania Ave NW",
      ]);
      // Back again through an update, and a default moving to billing.
      await updateAddress(sql, {
        userId,
        addressId: home.id,
        patch: { isDefault: true },
        t: en,
      });
      assert.deepEqual(await defaults(sql, userId), [
        "shipping:1600 Pennsylvania Ave NW",
        "billing:1600 Pennsylvania Ave NW",
      ]);
      await updateAddress(sql, {
        userId,
        addressId: office.id,
        patch: { type: "billing", isDefault: true },
        t: en,
      });
      assert.deepEqual(await defaults(sql, userId), [
        "shipping:1600 Pennsylvania Ave NW",
        "billing:10 Downing Street",
      ]);
    }),
});

Deno.test({
  name: "concurrent defaults of one account leave exactly one",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      await Promise.all(
        Array.from(
          { length: 4 },
          (_, i) =>
            add(sql, userId, {
              ...HOME,
              line1: `${i} Main St`,
              isDefault: true,
            }),
        ),
      );
      assert.equal((await defaults(sql, userId)).length, 1);
    }),
});

Deno.test({
  name: "updateAddress() merges, revalidates and clears with null",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      const office = await add(sql, userId, OFFICE);
      const moved = await updateAddress(sql, {
        userId,
        addressId: office.id,
        patch: { company: null, line2: "Flat 2", phone: "+44 20 7946 0958" },
        t: en,
      });
      assert.equal(moved.company, null);
      assert.equal(moved.line2, "Flat 2");
      assert.equal(moved.postalCode, "SW1A 2AA");
      assert.equal(moved.createdAt.getTime(), office.createdAt.getTime());
      // A new country is checked with the postal code it keeps.
      await assert.rejects(
        updateAddress(sql, {
          userId,
          addressId: office.id,
          patch: { country: "US", region: "NY" },
          t: en,
        }),
        (error) =>
          error instanceof InvalidAddress &&
          error.errors.some((e) => e.field === "postalCode"),
      );
      await assert.rejects(
        updateAddress(sql, {
          userId,
          addressId: office.id,
          patch: { id: office.id },
          t: en,
        }),
        InvalidAddress,
      );
    }),
});

Deno.test({
  name: "another account's address is NotFound for update and delete",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const alice = await insertUser(sql);
      const bob = await insertUser(sql);
      const bobs = await add(sql, bob, HOME);
      await assert.rejects(
        updateAddress(sql, {
          userId: alice,
          addressId: bobs.id,
          patch: { name: "Mallory" },
          t: en,
        }),
        NotFound,
      );
      await assert.rejects(
        deleteAddress(sql, { userId: alice, addressId: bobs.id }),
        NotFound,
      );
      await assert.rejects(
        deleteAddress(sql, { userId: alice, addressId: "not-an-id" }),
        NotFound,
      );
      assert.equal((await listAddresses(sql, bob))[0].name, "Ada Lovelace");
      await deleteAddress(sql, { userId: bob, addressId: bobs.id });
      assert.deepEqual(await listAddresses(sql, bob), []);
      await assert.rejects(
        deleteAddress(sql, { userId: bob, addressId: bobs.id }),
        NotFound,
      );
    }),
});

Deno.test({
  name: "addAddress() stops at MAX_ADDRESSES and for unknown accounts",
  ignore: ignorePostgresTests,
  fn: () =>
    withIdentityDatabase(async (sql) => {
      const userId = await insertUser(sql);
      await sql`
        insert into identity.addresses
          (user_id, type, name, line1, city, country)
        select ${userId}, 'billing', 'Ada', n || ' Main St', 'Paris', 'FR'
        from generate_series(1, ${MAX_ADDRESSES}) n`;
      await assert.rejects(add(sql, userId, OFFICE), AddressBookFull);
      await assert.rejects(
        add(sql, "00000000-0000-4000-8000-000000000000", OFFICE),
        NotFound,
      );
      await assert.rejects(listAddresses(sql, "me"), NotFound);
    }),
});
