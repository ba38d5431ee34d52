import assert from "node:assert/strict";
import { h } from "preact";
import { SerializeError, stringifyProps } from "./stringify.ts";

Deno.test("stringifyProps() round-trips plain data", () => {
  const props = {
    label: "Währung",
    options: [{ code: "JPY", exponent: 0 }, { code: "KWD", exponent: 3 }],
    nested: { on: true, none: null },
  };
  assert.deepEqual(JSON.parse(stringifyProps(props)), props);
});

Deno.test("stringifyProps() refuses functions and names where they are", () => {
  assert.throws(
    () => stringifyProps({ items: [{ onClick: () => {} }] }),
    (error: unknown) =>
      error instanceof SerializeError &&
      error.path === "props.items[0].onClick" &&
      error.message.includes("a function"),
  );
});

Deno.test("stringifyProps() refuses class instances, bigints, NaN and JSX", () => {
  assert.throws(() => stringifyProps({ at: new Date() }), /instance of Date/);
  assert.throws(() => stringifyProps({ n: 1n }), /bigint/);
  assert.throws(() => stringifyProps({ n: NaN }), /NaN/);
  assert.throws(() => stringifyProps({ child: h("b", null) }), /JSX element/);
});

Deno.test("stringifyProps() refuses circular references but allows shared ones", () => {
  const shared = { a: 1 };
  assert.doesNotThrow(() => stringifyProps({ x: shared, y: shared }));
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => stringifyProps(loop), /circular/);
});

Deno.test("stringifyProps() output cannot close the script element", () => {
  const json = stringifyProps({ text: "</script><script>alert(1)</script>" });
  assert.ok(!json.includes("</script>"));
  assert.ok(!json.includes("<"));
  assert.deepEqual(JSON.parse(json), {
    text: "</script><script>alert(1)</script>",
  });
});
