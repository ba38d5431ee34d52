/**
 * Builds the seed products: every product type crossed with two or three
 * series of its department, each with copy in every language, variants,
 * stock, images and (for about one product in ten) explicit prices in other
 * currencies. Randomness comes from generators seeded by the product key,
 * so a product stays the same when others are added.
 *
 * @module
 */
import { productImageKey } from "../images.ts";
import { minorUnitExponent } from "../../pricing/mod.ts";
import type {
  SeedImage,
  SeedProduct,
  SeedProductDetails,
  SeedVariant,
} from "./types.ts";
import type { ProductType } from "./_table.ts";
import {
  altText,
  describe,
  joinSentences,
  productName,
  seoDescription,
  seoTitle,
} from "./copy.ts";
import { CATEGORIES, DEPARTMENT_SKU, departmentOf } from "./categories.ts";
import {
  type ColorCode,
  COLORS,
  type MaterialCode,
  MATERIALS,
} from "./labels.ts";
import { SERIES_BY_DEPARTMENT } from "./series.ts";
import { charmCents, formatMinor, perLanguage, Rng } from "./_util.ts";
import { KITCHEN } from "./products_kitchen.ts";
import { HOME } from "./products_home.ts";
import { OUTDOOR } from "./products_outdoor.ts";
import { ELECTRONICS } from "./products_electronics.ts";
import { WORK_TRAVEL } from "./products_work_travel.ts";

/** Every product type, department by department. */
export const PRODUCT_TYPES: readonly ProductType[] = [
  ...KITCHEN,
  ...HOME,
  ...OUTDOOR,
  ...ELECTRONICS,
  ...WORK_TRAVEL,
];

/** One type per leaf whose first product is featured on the home page. */
const FEATURED_TYPES = new Set([
  "chefs-knife",
  "dutch-oven",
  "gooseneck-kettle",
  "coffee-mug",
  "table-lamp",
  "throw-blanket",
  "hiking-backpack",
  "tent",
  "insulated-bottle",
  "wireless-headphones",
  "notebook",
  "weekender-bag",
]);

/** Approximate USD exchange rates for explicit price lists. */
const USD_RATES: Readonly<Record<string, number>> = {
  EUR: 0.92,
  GBP: 0.79,
  JPY: 151,
  CNY: 7.24,
  AED: 3.6725,
  CAD: 1.37,
  AUD: 1.52,
  CHF: 0.89,
  INR: 83.4,
};

const COLOR_SKU: Readonly<Record<ColorCode, string>> = {
  black: "BLK",
  white: "WHT",
  grey: "GRY",
  navy: "NVY",
  blue: "BLU",
  red: "RED",
  green: "GRN",
  olive: "OLV",
  sand: "SND",
  brown: "BRN",
  terracotta: "TER",
  pink: "PNK",
  yellow: "YLW",
  natural: "NAT",
  silver: "SLV",
  gold: "GLD",
  clear: "CLR",
};

/** The colour wood products come in when colour is not an option. */
const WOOD_TONE: Partial<Record<MaterialCode, ColorCode>> = {
  walnut: "brown",
  oak: "natural",
  beech: "natural",
  bamboo: "natural",
  acacia: "natural",
};

/** The built products and, per product type, the products made from it. */
export interface BuiltProducts {
  products: SeedProduct[];
  byType: Map<string, SeedProduct[]>;
}

/** Builds every seed product; the result is new on every call. */
export function buildProducts(): BuiltProducts {
  const products: SeedProduct[] = [];
  const byType = new Map<string, SeedProduct[]>();
  const perDepartment = new Map<string, number>();
  PRODUCT_TYPES.forEach((type, index) => {
    const department = departmentOf(type.category);
    const j = perDepartment.get(department) ?? 0;
    perDepartment.set(department, j + 1);
    const series = SERIES_BY_DEPARTMENT[department];
    const count = index % 5 === 4 ? 2 : 3;
    const made: SeedProduct[] = [];
    for (let k = 0; k < count; k++) {
      // Three series from three different brands, rotating through the nine.
      const chosen = series[(j + Math.floor(j / 3) + 3 * k) % series.length];
      made.push(buildProduct(type, {
        department,
        series: chosen,
        position: products.length + made.length,
        featured: k === 0 && FEATURED_TYPES.has(type.key),
      }));
    }
    products.push(...made);
    byType.set(type.key, made);
  });
  return { products, byType };
}

interface Placement {
  department: string;
  series: { name: string; sku: string; brand: string };
  /** Index of the product in the whole catalog. */
  position: number;
  featured: boolean;
}

function buildProduct(type: ProductType, place: Placement): SeedProduct {
  const key = `${place.series.name.toLowerCase()}-${type.key}`;
  const rng = new Rng(`product:${key}`);
  const material = rng.pick(type.materials);
  const dollars = rng.int(type.price[0], type.price[1]);
  const ending = dollars < 40
    ? rng.pick([90, 95, 50] as const)
    : rng.pick([0, 0, 90] as const);
  const baseCents = charmCents(dollars * 100, ending);

  const axes = type.axes ?? [];
  const axisValues = axes.map((axis) => {
    const take = axes.length > 1 ? 2 : rng.pick([2, 2, 3]);
    return axis.graded === false
      ? rng.sample(axis.values, take)
      : axis.values.slice(0, take);
  });
  const combos = axisValues.reduce((n, values) => n * values.length, 1);
  const colorOption = type.colorOption !== false;
  let colors: ColorCode[];
  if (colorOption) {
    const wanted = combos >= 3
      ? 1
      : combos === 2
      ? rng.pick([1, 2])
      : rng.pick([1, 2, 2, 3, 3, 4]);
    colors = rng.sample(type.colors, wanted);
  } else {
    const tone = WOOD_TONE[material];
    colors = [
      tone && type.colors.includes(tone) ? tone : rng.pick(type.colors),
    ];
  }

  const allZero = place.position % 50 === 37 && !place.featured;
  const threshold = baseCents < 3000 ? 10 : 5;
  const baseWeight = rng.int(type.weight[0], type.weight[1], { step: 5 });
  const variants: SeedVariant[] = [];
  for (const color of colors) {
    for (const combo of cartesian(axisValues)) {
      const options: Record<string, string> = colorOption ? { color } : {};
      let grade = 0;
      combo.forEach((value, i) => {
        options[axes[i].name] = value;
        if (axes[i].graded !== false) grade += axes[i].values.indexOf(value);
      });
      const skuParts = [
        DEPARTMENT_SKU[place.department],
        type.sku,
        place.series.sku,
      ];
      skuParts.push(
        ...combo.map((value) => value.toUpperCase().replace(/[^A-Z0-9]/g, "")),
      );
      if (colorOption) skuParts.push(COLOR_SKU[color]);
      const variant: SeedVariant = {
        sku: skuParts.join("-"),
        options,
        weightGrams: Math.round(baseWeight * (1 + 0.25 * grade)),
        stock: allZero ? 0 : stockLevel(rng, threshold, place.featured),
        lowStockThreshold: threshold,
      };
      if (grade > 0) {
        variant.priceOverride = formatMinor(
          charmCents(baseCents * (1 + 0.2 * grade), ending),
          2,
        );
      }
      variants.push(variant);
    }
  }

  const typeName = type.names;
  const category = CATEGORIES.find((c) => c.key === type.category)!;
  const closer = rng.pick([0, 1] as const);
  const details = perLanguage<SeedProductDetails>((lang) => {
    const name = productName(lang, {
      series: place.series.name,
      type: typeName[lang],
    });
    const sentences = describe(lang, {
      family: type.copy,
      name,
      material: MATERIALS[material].prose[lang],
      use: type.use[lang],
      plural: type.plural ?? false,
      closer,
    });
    return {
      name,
      description: joinSentences(lang, sentences),
      seoTitle: seoTitle(lang, { name, category: category.names[lang] }),
      seoDescription: seoDescription(lang, {
        name,
        sentences: sentences.slice(1),
      }),
    };
  });

  const imageCount = rng.pick([1, 2, 2, 3, 3]);
  const images: SeedImage[] = [];
  for (const view of ([1, 2, 3] as const).slice(0, imageCount)) {
    const color = colors[(view - 1) % colors.length];
    images.push({
      key: productImageKey(type.shape, { product: key, color, view }),
      alt: perLanguage((lang) =>
        altText(lang, {
          name: details[lang].name,
          color: COLORS[color].prose[lang],
          view,
        })
      ),
    });
  }

  const attributes: SeedProduct["attributes"] = { material };
  if (!colorOption) attributes.color = colors[0];
  Object.assign(attributes, type.attributes?.(rng, material));

  const product: SeedProduct = {
    key,
    category: type.category,
    brand: place.series.brand,
    basePrice: formatMinor(baseCents, 2),
    attributes,
    details,
    variants,
    images,
    featured: place.featured,
    createdDaysAgo: rng.int(1, 720),
  };
  if (place.position % 10 === 4) product.priceList = priceList(rng, baseCents);
  return product;
}

function cartesian(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>(
    (combos, values) =>
      combos.flatMap((combo) => values.map((value) => [...combo, value])),
    [[]],
  );
}

/** Mostly in stock; about one variant in fourteen sold out and one in ten low. */
function stockLevel(rng: Rng, threshold: number, featured: boolean): number {
  const roll = rng.next();
  if (!featured && roll < 0.07) return 0;
  if (!featured && roll < 0.17) return rng.int(1, threshold);
  return rng.int(threshold + 1, 150);
}

/** Explicit prices in three to five currencies, rounded the way each market prices. */
function priceList(rng: Rng, baseCents: number): Record<string, string> {
  const currencies = rng.sample(Object.keys(USD_RATES), rng.int(3, 5));
  const list: Record<string, string> = {};
  for (const code of currencies) {
    const major = (baseCents / 100) * USD_RATES[code];
    let minor: number;
    if (code === "JPY") minor = Math.ceil(major / 100) * 100 - 20;
    else if (code === "INR") minor = (Math.ceil(major / 100) * 100 - 1) * 100;
    else if (code === "AED") minor = Math.ceil(major) * 100;
    else minor = Math.ceil(major) * 100 - 10;
    list[code] = formatMinor(minor, minorUnitExponent(code));
  }
  return list;
}
