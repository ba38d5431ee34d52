/**
 * A small, hand-made catalog for query tests, where every expected figure
 * can be worked out by hand, and a throwaway database holding it.
 *
 * @module
 */
import { migrate } from "../../db/migrate.ts";
import type { Sql } from "../../db/client.ts";
import { withTempDatabase } from "../../db/_test_util.ts";
import { type Language, LANGUAGES } from "../localization/mod.ts";
import { seedPricing } from "../pricing/mod.ts";
import { seedCatalog } from "./seed_catalog.ts";
import type {
  CatalogSeed,
  Localized,
  SeedProductDetails,
} from "./seed/types.ts";

function all<T>(value: (language: Language) => T): Localized<T> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, value(language)]),
  ) as Localized<T>;
}

function copy(
  names: Partial<Localized>,
  description: string,
): Localized<SeedProductDetails> {
  return all((language) => {
    const name = names[language] ?? names.en!;
    return {
      name,
      description,
      seoTitle: `${name} | Test`,
      seoDescription: description,
    };
  });
}

const HOURS = {
  mon: "09:00-18:00",
  tue: "09:00-18:00",
  wed: "09:00-18:00",
  thu: "09:00-18:00",
  fri: "09:00-18:00",
  sat: "10:00-16:00",
  sun: null,
};

/** The test catalog: 2 root categories, 1 child, 3 products, 2 stores. */
export const FIXTURE: CatalogSeed = {
  categories: [
    {
      key: "kitchen",
      names: all((l) =>
        ({ en: "Kitchen", de: "Küche", ja: "キッチン" })[l as "en"] ?? "Kitchen"
      ),
    },
    {
      key: "knives",
      parent: "kitchen",
      names: all((l) =>
        ({ en: "Knives", de: "Messer", ja: "包丁" })[l as "en"] ?? "Knives"
      ),
    },
    { key: "travel", names: all(() => "Travel") },
  ],
  products: [
    {
      key: "knife",
      category: "knives",
      brand: "Atlas",
      basePrice: "49.90",
      attributes: { material: "steel" },
      details: {
        ...copy(
          {
            en: "Atlas Chef's Knife",
            de: "Atlas Kochmesser",
            ja: "アトラス 牛刀包丁",
          },
          "A forged steel blade.",
        ),
        // No French copy: French falls back to English.
        fr: undefined as unknown as SeedProductDetails,
      },
      variants: [
        {
          sku: "KNF-S",
          options: { size: "s" },
          weightGrams: 180,
          stock: 10,
          lowStockThreshold: 3,
        },
        {
          sku: "KNF-L",
          options: { size: "l" },
          weightGrams: 220,
          priceOverride: "59.90",
          stock: 2,
          lowStockThreshold: 3,
        },
      ],
      images: [{ key: "kitchen--knife--1", alt: all(() => "A knife") }],
      featured: false,
      createdDaysAgo: 10,
    },
    {
      key: "mug",
      category: "kitchen",
      brand: "Nordic",
      basePrice: "12.00",
      attributes: { material: "ceramic" },
      details: copy({
        en: "Nordic Mug",
        de: "Nordic Becher",
        ja: "ノルディック マグカップ",
      }, "A ceramic mug."),
      variants: [
        {
          sku: "MUG-B",
          options: { color: "black" },
          weightGrams: 300,
          stock: 0,
          lowStockThreshold: 2,
        },
        {
          sku: "MUG-W",
          options: { color: "white" },
          weightGrams: 300,
          stock: 0,
          lowStockThreshold: 2,
        },
      ],
      images: [],
      featured: false,
      createdDaysAgo: 5,
      priceList: { JPY: "1980" },
    },
    {
      key: "backpack",
      category: "travel",
      brand: "Kyoto",
      basePrice: "89.00",
      attributes: { material: "nylon", waterproof: true },
      details: copy({
        en: "Kyoto Backpack",
        de: "Kyoto Rucksack",
        ja: "キョウト リュック",
      }, "Waterproof nylon."),
      variants: [
        {
          sku: "BAG-1",
          options: { color: "black" },
          weightGrams: 900,
          stock: 50,
          lowStockThreshold: 5,
        },
      ],
      images: [],
      featured: true,
      createdDaysAgo: 30,
    },
  ],
  reviews: [
    {
      product: "backpack",
      rating: 5,
      title: "Great",
      body: "Love it",
      language: "en",
      authorName: "Ann",
      verifiedPurchase: true,
      daysAgo: 3,
    },
    {
      product: "backpack",
      rating: 4,
      title: "Gut",
      body: "Schön",
      language: "de",
      authorName: "Jonas",
      verifiedPurchase: false,
      daysAgo: 2,
    },
    {
      product: "backpack",
      rating: 4,
      title: "Good",
      body: "Fine",
      language: "en",
      authorName: "Bo",
      verifiedPurchase: false,
      daysAgo: 1,
    },
  ],
  stores: [
    {
      key: "paris",
      name: "Globex Paris",
      address: {
        line1: "1 Rue de Rivoli",
        city: "Paris",
        postalCode: "75001",
        country: "FR",
      },
      lat: 48.8606,
      lng: 2.3376,
      phone: "+33 1 23 45 67 89",
      openingHours: HOURS,
    },
    {
      key: "tokyo",
      name: "Globex Tokyo",
      address: {
        line1: "1-1 Marunouchi",
        city: "Tokyo",
        postalCode: "100-0005",
        country: "JP",
      },
      lat: 35.6812,
      lng: 139.7671,
      phone: "+81 3-1234-5678",
      openingHours: HOURS,
    },
  ],
  labels: all(() => ({ names: {}, values: {} })),
};

/** The currencies the test catalog is priced in (base USD). */
export const FIXTURE_CURRENCIES = ["USD", "EUR", "JPY", "GBP"] as const;

/**
 * Run `fn` against a fresh database holding the migrated schema, the bundled
 * rate snapshot with the default rounding rules, and {@link FIXTURE}.
 */
export async function withCatalogDatabase<T>(
  fn: (sql: Sql, url: string) => Promise<T>,
): Promise<T> {
  return await withTempDatabase(async (sql, url) => {
    await migrate(sql);
    await seedPricing(sql);
    await seedCatalog(sql, {
      seed: FIXTURE,
      currencies: FIXTURE_CURRENCIES,
      baseCurrency: "USD",
    });
    return await fn(sql, url);
  });
}
