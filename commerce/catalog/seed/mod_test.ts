import assert from "node:assert/strict";
import { LANGUAGES } from "../../localization/mod.ts";
import { isCurrencyCode, minorUnitExponent } from "../../pricing/mod.ts";
import { catalogSeed } from "./mod.ts";

const seed = catalogSeed();
const variants = seed.products.flatMap((p) => p.variants);

const CONTINENT: Record<string, string> = {
  US: "North America",
  CA: "North America",
  MX: "North America",
  BR: "South America",
  AR: "South America",
  GB: "Europe",
  FR: "Europe",
  ES: "Europe",
  DE: "Europe",
  CH: "Europe",
  NG: "Africa",
  EG: "Africa",
  KE: "Africa",
  ZA: "Africa",
  AE: "Asia",
  IN: "Asia",
  SG: "Asia",
  CN: "Asia",
  KR: "Asia",
  JP: "Asia",
  AU: "Oceania",
  NZ: "Oceania",
};

function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return counts;
}

Deno.test("catalogSeed() returns the same data on every call", () => {
  assert.deepEqual(catalogSeed(), catalogSeed());
});

Deno.test("catalogSeed() returns fresh objects, so a caller's changes do not leak", () => {
  const first = catalogSeed();
  first.categories[0].names.en = "Changed";
  first.stores[0].name = "Changed";
  first.products[0].variants[0].stock = -1;
  const second = catalogSeed();
  assert.notEqual(second.categories[0].names.en, "Changed");
  assert.notEqual(second.stores[0].name, "Changed");
  assert.notEqual(second.products[0].variants[0].stock, -1);
});

Deno.test("catalogSeed() has the promised amounts of everything", () => {
  assert.ok(seed.products.length >= 200, `${seed.products.length} products`);
  assert.ok(
    seed.categories.length >= 12,
    `${seed.categories.length} categories`,
  );
  assert.ok(seed.reviews.length >= 60, `${seed.reviews.length} reviews`);
  assert.ok(countBy(seed.reviews, (r) => r.language).size >= 5);
  assert.ok(new Set(seed.reviews.map((r) => r.product)).size >= 25);
  assert.ok(seed.stores.length >= 20, `${seed.stores.length} stores`);
  const continents = new Set(
    seed.stores.map((s) => CONTINENT[s.address.country]),
  );
  assert.ok(
    !continents.has(undefined as unknown as string),
    "every store country is in the continent table",
  );
  assert.ok(continents.size >= 5, `stores on ${[...continents].join(", ")}`);
});

Deno.test("categories form a tree of known keys without cycles", () => {
  const byKey = new Map(seed.categories.map((c) => [c.key, c]));
  assert.equal(byKey.size, seed.categories.length, "category keys are unique");
  for (const category of seed.categories) {
    assert.match(category.key, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const lang of LANGUAGES) {
      assert.ok(
        category.names[lang].trim(),
        `${category.key} has a ${lang} name`,
      );
    }
    const path = new Set<string>();
    let current: string | undefined = category.key;
    while (current) {
      assert.ok(!path.has(current), `cycle through '${current}'`);
      path.add(current);
      const node = byKey.get(current);
      assert.ok(node, `unknown parent '${current}'`);
      current = node.parent;
    }
  }
  const roots = seed.categories.filter((c) => !c.parent);
  assert.ok(roots.length >= 4 && roots.length < seed.categories.length);
  for (const lang of LANGUAGES) {
    const names = seed.categories.map((c) => c.names[lang]);
    assert.equal(
      new Set(names).size,
      names.length,
      `category names are unique in ${lang}`,
    );
  }
});

Deno.test("every product sits in an existing leaf category and has a stable key", () => {
  const keys = new Set(seed.categories.map((c) => c.key));
  const parents = new Set(seed.categories.map((c) => c.parent).filter(Boolean));
  const productKeys = seed.products.map((p) => p.key);
  assert.equal(
    new Set(productKeys).size,
    productKeys.length,
    "product keys are unique",
  );
  for (const product of seed.products) {
    assert.match(product.key, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(
      keys.has(product.category),
      `${product.key}: unknown category '${product.category}'`,
    );
    assert.ok(!parents.has(product.category), `${product.key} sits in a leaf`);
    assert.ok(product.brand.trim());
  }
  const perLeaf = countBy(seed.products, (p) => p.category);
  assert.ok(perLeaf.size >= 12, "products spread over at least 12 leaves");
});

Deno.test("every product has copy in every language, names unique per language", () => {
  for (const lang of LANGUAGES) {
    const names = new Set<string>();
    for (const product of seed.products) {
      const details = product.details[lang];
      assert.ok(details, `${product.key} has ${lang} details`);
      for (
        const field of [
          "name",
          "description",
          "seoTitle",
          "seoDescription",
        ] as const
      ) {
        assert.ok(
          details[field].trim(),
          `${product.key}: empty ${lang} ${field}`,
        );
        assert.doesNotMatch(
          details[field],
          /[{}]|undefined|\s\s/,
          `${product.key}: ${lang} ${field}`,
        );
      }
      assert.ok(
        !names.has(details.name),
        `${product.key}: duplicate ${lang} name '${details.name}'`,
      );
      names.add(details.name);
      assert.ok(
        details.seoTitle.length <= 60,
        `${product.key}: ${lang} SEO title is too long`,
      );
      assert.ok(
        details.seoDescription.length <= 155,
        `${product.key}: ${lang} SEO description is too long`,
      );
      const sentences = details.description.split(/(?<=[.。])\s*/).filter(
        Boolean,
      );
      assert.ok(
        sentences.length >= 2,
        `${product.key}: ${lang} description has ${sentences.length} sentence(s)`,
      );
    }
  }
});

Deno.test("copy reads like each language: no spaces in Japanese and Chinese text, Arabic script in Arabic", () => {
  for (const product of seed.products) {
    for (const lang of ["ja", "zh"] as const) {
      assert.doesNotMatch(
        product.details[lang].description,
        / /,
        `${product.key}: space in ${lang} description`,
      );
    }
    const ar = product.details.ar;
    assert.match(ar.name, /[\u0600-\u06ff]/);
    assert.match(
      ar.description,
      /^[\u0600-\u06ff]/,
      `${product.key}: Arabic description starts in Arabic`,
    );
    assert.notEqual(
      product.details.de.description,
      product.details.en.description,
    );
  }
});

Deno.test("SKUs are unique and every variant has sensible numbers", () => {
  const skus = variants.map((v) => v.sku);
  assert.equal(new Set(skus).size, skus.length, "SKUs are unique");
  for (const variant of variants) {
    assert.match(variant.sku, /^[A-Z0-9]+(-[A-Z0-9]+)+$/);
    assert.ok(Number.isInteger(variant.stock) && variant.stock >= 0);
    assert.ok(
      Number.isInteger(variant.lowStockThreshold) &&
        variant.lowStockThreshold > 0,
    );
    assert.ok(Number.isInteger(variant.weightGrams) && variant.weightGrams > 0);
  }
  for (const product of seed.products) {
    assert.ok(product.variants.length >= 1);
    const optionSets = product.variants.map((v) =>
      JSON.stringify(Object.entries(v.options).sort())
    );
    assert.equal(
      new Set(optionSets).size,
      optionSets.length,
      `${product.key}: variants differ in options`,
    );
    const names = product.variants.map((v) =>
      Object.keys(v.options).sort().join()
    );
    assert.equal(
      new Set(names).size,
      1,
      `${product.key}: variants use the same option names`,
    );
  }
  const multi =
    seed.products.filter((p) =>
      p.variants.length >= 2 && p.variants.length <= 4
    ).length;
  assert.ok(
    multi / seed.products.length > 0.6,
    "most products have two to four variants",
  );
});

Deno.test("stock has sold-out, low and fully sold-out products", () => {
  const zero = variants.filter((v) => v.stock === 0).length;
  const low =
    variants.filter((v) => v.stock > 0 && v.stock <= v.lowStockThreshold)
      .length;
  const soldOut = seed.products.filter((p) =>
    p.variants.every((v) => v.stock === 0)
  );
  assert.ok(zero >= 10, `${zero} variants at zero`);
  assert.ok(low >= 10, `${low} variants low`);
  assert.ok(soldOut.length >= 3, `${soldOut.length} products sold out`);
  assert.ok(
    variants.filter((v) => v.stock > v.lowStockThreshold).length >
      variants.length * 0.7,
    "most are in stock",
  );
  for (const product of seed.products.filter((p) => p.featured)) {
    assert.ok(
      product.variants.some((v) => v.stock > 0),
      `featured ${product.key} can be bought`,
    );
  }
});

Deno.test("prices are decimal strings with the currency's minor units", () => {
  const usd = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
  for (const product of seed.products) {
    assert.match(product.basePrice, usd, product.key);
    assert.ok(Number(product.basePrice) > 0);
    for (const variant of product.variants) {
      if (variant.priceOverride !== undefined) {
        assert.match(variant.priceOverride, usd, variant.sku);
      }
    }
    for (const [code, amount] of Object.entries(product.priceList ?? {})) {
      assert.ok(
        isCurrencyCode(code),
        `${product.key}: '${code}' is a currency`,
      );
      const exponent = minorUnitExponent(code);
      const pattern = exponent === 0
        ? /^[1-9]\d*$/
        : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${exponent}}$`);
      assert.match(amount, pattern, `${product.key}: ${code} ${amount}`);
    }
  }
  const withList = seed.products.filter((p) => p.priceList).length;
  assert.ok(
    withList >= seed.products.length * 0.05 &&
      withList <= seed.products.length * 0.2,
  );
  assert.ok(
    variants.some((v) => v.priceOverride),
    "some variants override the price",
  );
  const prices = seed.products.map((p) => Number(p.basePrice));
  assert.ok(
    Math.min(...prices) < 20 && Math.max(...prices) > 250,
    "prices span cheap to expensive",
  );
});

Deno.test("every option and attribute code has a label in every language", () => {
  const names = new Set<string>();
  const values = new Set<string>();
  for (const product of seed.products) {
    for (const [name, value] of Object.entries(product.attributes)) {
      names.add(name);
      if (typeof value === "string") values.add(value);
      assert.match(name, /^[a-z]+(_[a-z]+)*$/);
    }
    for (const variant of product.variants) {
      for (const [name, value] of Object.entries(variant.options)) {
        names.add(name);
        values.add(value);
      }
    }
  }
  for (const lang of LANGUAGES) {
    for (const name of names) {
      assert.ok(
        seed.labels[lang].names[name]?.trim(),
        `no ${lang} label for '${name}'`,
      );
    }
    for (const value of values) {
      assert.ok(
        seed.labels[lang].values[value]?.trim(),
        `no ${lang} label for '${value}'`,
      );
    }
  }
  assert.equal(seed.labels.de.names.color, "Farbe");
  assert.equal(seed.labels.de.values.black, "Schwarz");
});

Deno.test("featured products, dates and images are spread sensibly", () => {
  const featured = seed.products.filter((p) => p.featured);
  assert.ok(
    featured.length >= 10 && featured.length <= 15,
    `${featured.length} featured`,
  );
  assert.ok(
    new Set(featured.map((p) => p.category)).size >= 8,
    "featured products come from many categories",
  );
  const days = seed.products.map((p) => p.createdDaysAgo);
  assert.ok(days.every((d) => Number.isInteger(d) && d >= 1 && d <= 720));
  assert.ok(Math.min(...days) < 30 && Math.max(...days) > 600);
  for (const product of seed.products) {
    assert.ok(
      product.images.length >= 1 && product.images.length <= 3,
      product.key,
    );
    for (const image of product.images) {
      for (const lang of LANGUAGES) {
        assert.ok(image.alt[lang].trim(), `${image.key}: ${lang} alt`);
      }
    }
  }
  const imageKeys = seed.products.flatMap((p) => p.images.map((i) => i.key));
  assert.equal(
    new Set(imageKeys).size,
    imageKeys.length,
    "image keys are unique",
  );
});

Deno.test("reviews refer to products, come after them and mostly praise them", () => {
  const products = new Map(seed.products.map((p) => [p.key, p]));
  for (const review of seed.reviews) {
    const product = products.get(review.product);
    assert.ok(product, `review of unknown product '${review.product}'`);
    assert.ok([1, 2, 3, 4, 5].includes(review.rating));
    assert.ok(LANGUAGES.includes(review.language));
    assert.ok(
      review.title.trim() && review.body.trim() && review.authorName.trim(),
    );
    assert.ok(
      review.daysAgo >= 0 && review.daysAgo < product.createdDaysAgo,
      "written after the product was added",
    );
  }
  const ratings = seed.reviews.map((r) => r.rating);
  assert.ok(
    ratings.filter((r) => r >= 4).length / ratings.length > 0.7,
    "mostly four or five stars",
  );
  assert.equal(new Set(ratings).size, 5, "every rating occurs");
  assert.ok(
    seed.reviews.some((r) => r.verifiedPurchase) &&
      seed.reviews.some((r) => !r.verifiedPurchase),
  );
  for (const review of seed.reviews.filter((r) => r.language === "ar")) {
    assert.match(review.body, /[\u0600-\u06ff]/);
  }
  for (const review of seed.reviews.filter((r) => r.language === "ja")) {
    assert.match(review.body, /[\u3040-\u30ff]/);
  }
});

Deno.test("stores have coordinates, international phones and opening hours", () => {
  const keys = seed.stores.map((s) => s.key);
  assert.equal(new Set(keys).size, keys.length);
  const countries = new Intl.DisplayNames(["en"], {
    type: "region",
    fallback: "none",
  });
  for (const store of seed.stores) {
    assert.match(store.key, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(
      countries.of(store.address.country),
      `${store.key}: '${store.address.country}' is a country`,
    );
    assert.ok(
      store.address.line1 && store.address.city && store.address.postalCode,
    );
    assert.ok(Math.abs(store.lat) <= 90 && Math.abs(store.lng) <= 180);
    assert.match(store.phone, /^\+[1-9]\d{0,2}( \d{1,4})+$/, store.phone);
    for (const hours of Object.values(store.openingHours)) {
      if (hours === null) continue;
      const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/
        .exec(hours);
      assert.ok(match, `${store.key}: '${hours}'`);
      assert.ok(
        match[1] + match[2] < match[3] + match[4],
        `${store.key} opens before it closes`,
      );
    }
    assert.deepEqual(Object.keys(store.openingHours), [
      "mon",
      "tue",
      "wed",
      "thu",
      "fri",
      "sat",
      "sun",
    ]);
  }
  assert.ok(
    seed.stores.some((s) => s.openingHours.sun === null),
    "some stores close on Sundays",
  );
  // Southern-hemisphere and western cities have the expected signs.
  const byKey = new Map(seed.stores.map((s) => [s.key, s]));
  assert.ok(
    byKey.get("sydney-pitt-street")!.lat < 0 &&
      byKey.get("new-york-soho")!.lng < 0,
  );
});
