import assert from "node:assert/strict";
import {
  IMAGE_COLORS,
  IMAGE_SHAPES,
  imageUrl,
  productImageKey,
  renderProductImage,
} from "./images.ts";
import { catalogSeed } from "./seed/mod.ts";

/** Checks that `svg` is one well-formed, self-contained SVG document. */
function assertSafeSvg(svg: string, key: string): void {
  assert.ok(svg.startsWith("<svg "), `${key}: starts with <svg`);
  assert.ok(svg.endsWith("</svg>"), `${key}: ends with </svg>`);
  assert.ok(
    svg.includes('xmlns="http://www.w3.org/2000/svg"'),
    `${key}: has the SVG namespace`,
  );
  assert.ok(svg.includes('viewBox="0 0 800 800"'), `${key}: 800×800 view box`);
  assert.doesNotMatch(
    svg,
    /<script|href|url\(|javascript:|<text|<foreignObject|<image|\son[a-z]+=/i,
    key,
  );
  assert.equal(
    svg.replace('xmlns="http://www.w3.org/2000/svg"', "").includes("http"),
    false,
    key,
  );
  assert.doesNotMatch(svg, /undefined|NaN/, key);
  assert.ok(
    new TextEncoder().encode(svg).length < 4096,
    `${key}: ${svg.length} bytes`,
  );
  const stack: string[] = [];
  for (
    const [, closing, name, selfClosing] of svg.matchAll(
      /<(\/?)([a-zA-Z]+)\b[^<>]*?(\/?)>/g,
    )
  ) {
    if (closing) {
      assert.equal(
        stack.pop(),
        name,
        `${key}: </${name}> closes the open element`,
      );
    } else if (!selfClosing) stack.push(name);
  }
  assert.deepEqual(stack, [], `${key}: every element is closed`);
  assert.equal(
    svg.replace(/<[^<>]*>/g, "").trim(),
    "",
    `${key}: no text content`,
  );
}

Deno.test("renderProductImage() draws every seed image as a small, safe SVG", () => {
  const keys = catalogSeed().products.flatMap((p) =>
    p.images.map((i) => i.key)
  );
  assert.ok(keys.length > 200);
  for (const key of keys) {
    const svg = renderProductImage(key);
    assert.ok(svg, `${key} renders`);
    assertSafeSvg(svg, key);
  }
});

Deno.test("renderProductImage() draws every shape in every colour and view", () => {
  for (const shape of IMAGE_SHAPES) {
    for (const color of Object.keys(IMAGE_COLORS)) {
      for (const view of [1, 2, 3] as const) {
        const key = productImageKey(shape, {
          product: `test-${shape}`,
          color,
          view,
        });
        const svg = renderProductImage(key);
        assert.ok(svg, key);
        assertSafeSvg(svg, key);
      }
    }
  }
});

Deno.test("renderProductImage() is deterministic and varies with colour, product and view", () => {
  const key = "knife--atlas-chefs-knife--black--1";
  assert.equal(renderProductImage(key), renderProductImage(key));
  const others = [
    "knife--atlas-chefs-knife--red--1",
    "knife--kyoto-chefs-knife--black--1",
    "knife--atlas-chefs-knife--black--2",
    "mug--atlas-chefs-knife--black--1",
  ];
  for (const other of others) {
    assert.notEqual(renderProductImage(other), renderProductImage(key), other);
  }
  assert.ok(
    renderProductImage("knife--atlas-chefs-knife--red--1")!.includes(
      IMAGE_COLORS.red,
    ),
  );
});

Deno.test("renderProductImage() answers null for keys outside its format", () => {
  const bad = [
    "",
    "knife",
    "knife--atlas-chefs-knife--black",
    "knife--atlas-chefs-knife--black--0",
    "knife--atlas-chefs-knife--black--4",
    "knife--atlas-chefs-knife--black--1.svg",
    "knife--atlas-chefs-knife--black--1\n",
    "spaceship--atlas-chefs-knife--black--1",
    "knife--atlas-chefs-knife--mauve--1",
    "knife--atlas-chefs-knife--constructor--1",
    "knife--Atlas-chefs-knife--black--1",
    "knife--atlas--chefs--black--1",
    "knife--../etc/passwd--black--1",
    'knife--"><script>--black--1',
    "toString--atlas--black--1",
    "__proto__--atlas--black--1",
  ];
  for (const key of bad) {
    assert.equal(renderProductImage(key), null, JSON.stringify(key));
  }
});

Deno.test("imageUrl() points at the media route", () => {
  assert.equal(
    imageUrl("knife--atlas-chefs-knife--black--1"),
    "/media/products/knife--atlas-chefs-knife--black--1.svg",
  );
  assert.equal(
    productImageKey("mug", {
      product: "porto-coffee-mug",
      color: "white",
      view: 2,
    }),
    "mug--porto-coffee-mug--white--2",
  );
});
