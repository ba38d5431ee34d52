import assert from "node:assert/strict";
import { searchQueryText, searchText } from "./search.ts";
import { slugify, uniqueSlug } from "./slug.ts";

Deno.test("searchText() splits Japanese into unigrams and bigrams", () => {
  assert.equal(searchText("ja", "Atlas 牛刀"), "Atlas 牛 刀 牛刀");
  assert.equal(searchText("zh", "保温杯。"), "保 温 杯 保温 温杯 。");
});

Deno.test("searchText() leaves spaced languages alone", () => {
  assert.equal(
    searchText("de", "Kochmesser aus Stahl"),
    "Kochmesser aus Stahl",
  );
});

Deno.test("searchQueryText() asks for bigrams, or the lone character", () => {
  assert.equal(searchQueryText("ja", "牛刀"), "牛刀");
  assert.equal(searchQueryText("zh", "保温杯"), "保温 温杯");
  assert.equal(searchQueryText("zh", "杯"), "杯");
  assert.equal(searchQueryText("en", "chef knife"), "chef knife");
});

Deno.test("slugify() keeps each script readable and drops Latin accents", () => {
  assert.equal(slugify("Couteau de chef Atlas"), "couteau-de-chef-atlas");
  assert.equal(slugify("Crème & Café — Tasse"), "creme-cafe-tasse");
  assert.equal(slugify("Atlas 牛刀"), "atlas-牛刀");
  assert.equal(slugify("سكين الطاهي أطلس"), "سكين-الطاهي-أطلس");
  assert.equal(slugify("Größe XL"), "große-xl");
  assert.equal(slugify("Größe XL", "de"), "groesse-xl");
  assert.equal(slugify("Küche", "de"), "kueche");
  assert.equal(slugify("Atlas Chef's Knife"), "atlas-chefs-knife");
  assert.equal(slugify("!!!"), "item");
});

Deno.test("uniqueSlug() appends a counter to a taken slug", () => {
  const taken = new Set<string>();
  assert.equal(uniqueSlug("mug", taken), "mug");
  assert.equal(uniqueSlug("mug", taken), "mug-2");
  assert.equal(uniqueSlug("mug", taken), "mug-3");
});
