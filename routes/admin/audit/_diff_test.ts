import assert from "node:assert/strict";
import { auditChanges } from "./_diff.ts";

Deno.test("auditChanges() keeps only the fields that differ, by path", () => {
  assert.deepEqual(
    auditChanges(
      { status: "paid", stock: "reserved", copy: { de: { name: "Alt" } } },
      {
        status: "packed",
        stock: "reserved",
        copy: { de: { name: "Neu" } },
        shipment: { carrier: "DHL" },
      },
    ),
    [
      { field: "status", before: "paid", after: "packed" },
      { field: "copy.de.name", before: "Alt", after: "Neu" },
      { field: "shipment.carrier", before: undefined, after: "DHL" },
    ],
  );
});

Deno.test("auditChanges() shows a creation, a deletion and plain values", () => {
  assert.deepEqual(auditChanges(undefined, { roles: ["admin"] }), [
    { field: "roles", before: undefined, after: '["admin"]' },
  ]);
  assert.deepEqual(auditChanges({ name: "Zone", note: null }, undefined), [
    { field: "name", before: "Zone", after: undefined },
    { field: "note", before: "null", after: undefined },
  ]);
  assert.deepEqual(auditChanges(3, 4), [
    { field: "value", before: "3", after: "4" },
  ]);
  assert.deepEqual(auditChanges({ a: 1 }, { a: 1 }), []);
  assert.deepEqual(auditChanges(undefined, undefined), []);
});
