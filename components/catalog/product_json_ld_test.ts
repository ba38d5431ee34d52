import assert from "node:assert/strict";
import type { ProductDetail, VariantView } from "../../commerce/catalog/mod.ts";
import { productJsonLd } from "./product_json_ld.ts";

function variant(
  id: string,
  amount: string | null,
  status: VariantView["availability"]["status"],
): VariantView {
  return {
    id,
    sku: `SKU-${id}`,
    options: { color: id },
    weightGrams: 100,
    price: amount === null
      ? null
      : { amount, currency: "JPY", formatted: `￥${amount}` },
    availability: { status, quantity: status === "low_stock" ? 2 : null },
  };
}

const variants = [
  variant("a", "1980", "in_stock"),
  variant("b", "2480", "low_stock"),
  variant("c", null, "out_of_stock"),
];
const product = {
  id: "p1",
  slug: "maguka-ppu",
  name: "マグカップ",
  language: "ja",
  brand: "Nordic",
  description: "陶器のマグ。",
  image: { url: "/media/products/mug.svg", alt: "" },
  images: [{ url: "/media/products/mug.svg", alt: "" }],
  variants,
  rating: { average: 4.5, count: 2, distribution: {} },
} as unknown as ProductDetail;

Deno.test("productJsonLd() describes the product with an offer per priced variant", () => {
  const url = "https://shop.example/ja/p/maguka-ppu";
  const ld = productJsonLd(product, {
    origin: "https://shop.example",
    url,
    selected: variants[1],
  });
  assert.equal(ld["@type"], "Product");
  assert.equal(ld.sku, "SKU-b");
  assert.deepEqual(ld.brand, { "@type": "Brand", name: "Nordic" });
  assert.deepEqual(ld.image, ["https://shop.example/media/products/mug.svg"]);
  assert.deepEqual(ld.aggregateRating, {
    "@type": "AggregateRating",
    ratingValue: 4.5,
    reviewCount: 2,
    bestRating: 5,
    worstRating: 1,
  });
  const offers = ld.offers as Record<string, unknown>[];
  assert.equal(offers.length, 2);
  assert.deepEqual(offers[1], {
    "@type": "Offer",
    sku: "SKU-b",
    price: "2480",
    priceCurrency: "JPY",
    availability: "https://schema.org/LimitedAvailability",
    itemCondition: "https://schema.org/NewCondition",
    url: `${url}?variant=b`,
  });
});

Deno.test("productJsonLd() gives one offer object and no rating when there are none", () => {
  const single = {
    ...product,
    variants: [variants[0]],
    rating: { average: null, count: 0, distribution: {} },
  } as ProductDetail;
  const ld = productJsonLd(single, {
    origin: "https://shop.example",
    url: "https://shop.example/ja/p/x",
    selected: variants[0],
  });
  assert.equal(ld.aggregateRating, undefined);
  const offer = ld.offers as Record<string, unknown>;
  assert.equal(offer.url, "https://shop.example/ja/p/x");
  assert.equal(offer.availability, "https://schema.org/InStock");
});
