import assert from "node:assert/strict";
import {
  activeFilterCount,
  listingSearch,
  parseListing,
} from "./listing_query.ts";

const facets = { color: ["black", "white"], material: ["oak"] };

function parse(search: string, currency = "EUR") {
  return parseListing(new URLSearchParams(search), { currency, facets });
}

Deno.test("parseListing() reads filters, sort and cursor into a query", () => {
  const { form, query, priceProblem } = parse(
    "sort=price_asc&min=10&max=49.9&stock=1&color=black&color=white&material=oak&cursor=abc",
  );
  assert.equal(priceProblem, undefined);
  assert.deepEqual(query, {
    q: undefined,
    sort: "price_asc",
    minPrice: "10.00",
    maxPrice: "49.90",
    inStock: true,
    attributes: { color: ["black", "white"], material: ["oak"] },
    cursor: "abc",
  });
  assert.equal(form.min, "10");
  assert.equal(activeFilterCount(form), 6);
});

Deno.test("parseListing() drops what makes no sense instead of failing", () => {
  const { form, query } = parse(
    "sort=cheapest&color=plaid&size=xl&stock=maybe",
  );
  assert.equal(form.sort, "relevance");
  assert.equal(query.attributes, undefined);
  assert.equal(query.inStock, undefined);
  assert.equal(activeFilterCount(form), 0);
});

Deno.test("parseListing() flags a price that is not an amount in the currency", () => {
  const jpy = parse("min=12.5", "JPY");
  assert.equal(jpy.priceProblem, "invalid");
  assert.equal(jpy.query.minPrice, undefined);
  assert.equal(jpy.form.min, "12.5");
  assert.equal(parse("max=abc").priceProblem, "invalid");
  assert.equal(parse("min=1000", "JPY").query.minPrice, "1000");
});

Deno.test("parseListing() flags a minimum above the maximum and ignores both", () => {
  const { priceProblem, query } = parse("min=50&max=20");
  assert.equal(priceProblem, "range");
  assert.equal(query.minPrice, undefined);
  assert.equal(query.maxPrice, undefined);
});

Deno.test("listingSearch() writes the form back without defaults", () => {
  assert.equal(listingSearch(parse("").form), "");
  const { form } = parse("q=mug&sort=newest&stock=on&color=white&cursor=xyz");
  assert.equal(listingSearch(form), "?q=mug&sort=newest&stock=1&color=white");
  assert.equal(
    listingSearch(form, "next"),
    "?q=mug&sort=newest&stock=1&color=white&cursor=next",
  );
});
