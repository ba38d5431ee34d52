/**
 * The shipping zones, methods and tax rates a fresh store starts with.
 * Idempotent: rows are keyed, and an existing row is left as an admin may
 * have edited it.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";

const EU = [
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
];

type Names = Record<string, string>;

const STANDARD: Names = {
  en: "Standard",
  de: "Standard",
  fr: "Standard",
  es: "Estándar",
  ar: "قياسي",
  ja: "通常配送",
  zh: "标准配送",
};
const EXPRESS: Names = {
  en: "Express",
  de: "Express",
  fr: "Express",
  es: "Urgente",
  ar: "سريع",
  ja: "速達",
  zh: "快递",
};
const ECONOMY: Names = {
  en: "Economy (by weight)",
  de: "Economy (nach Gewicht)",
  fr: "Économique (au poids)",
  es: "Económico (por peso)",
  ar: "اقتصادي (حسب الوزن)",
  ja: "エコノミー（重量制）",
  zh: "经济（按重量）",
};

interface MethodSeed {
  key: string;
  kind: "flat" | "weight";
  name: Names;
  days: [number, number];
  /** currency → [flat, per kg, free over] */
  prices: Record<string, [string, string, string | null]>;
}

interface ZoneSeed {
  key: string;
  countries: string[];
  methods: MethodSeed[];
}

/** Zones: home markets with local prices, the rest priced in USD. */
export const SHIPPING_SEED: ZoneSeed[] = [
  {
    key: "north-america",
    countries: ["US", "CA"],
    methods: [
      {
        key: "standard",
        kind: "flat",
        name: STANDARD,
        days: [3, 6],
        prices: { USD: ["5.99", "0", "75.00"], CAD: ["7.99", "0", "100.00"] },
      },
      {
        key: "express",
        kind: "flat",
        name: EXPRESS,
        days: [1, 2],
        prices: { USD: ["19.99", "0", null], CAD: ["24.99", "0", null] },
      },
    ],
  },
  {
    key: "europe",
    countries: [...EU, "GB", "CH", "NO"],
    methods: [
      {
        key: "standard",
        kind: "flat",
        name: STANDARD,
        days: [2, 5],
        prices: {
          EUR: ["4.95", "0", "60.00"],
          GBP: ["3.95", "0", "50.00"],
          CHF: ["6.90", "0", "80.00"],
        },
      },
      {
        key: "express",
        kind: "flat",
        name: EXPRESS,
        days: [1, 2],
        prices: {
          EUR: ["14.95", "0", null],
          GBP: ["12.95", "0", null],
          CHF: ["19.90", "0", null],
        },
      },
    ],
  },
  {
    key: "japan",
    countries: ["JP"],
    methods: [
      {
        key: "standard",
        kind: "flat",
        name: STANDARD,
        days: [1, 3],
        prices: { JPY: ["600", "0", "8000"] },
      },
      {
        key: "express",
        kind: "flat",
        name: EXPRESS,
        days: [1, 1],
        prices: { JPY: ["1500", "0", null] },
      },
    ],
  },
  {
    key: "rest-of-world",
    countries: ["*"],
    methods: [
      {
        key: "economy",
        kind: "weight",
        name: ECONOMY,
        days: [7, 21],
        prices: { USD: ["9.00", "4.00", "150.00"] },
      },
      {
        key: "express",
        kind: "flat",
        name: EXPRESS,
        days: [3, 6],
        prices: { USD: ["39.00", "0", null] },
      },
    ],
  },
];

/** Standard VAT rates of EU member states (2026). */
const EU_VAT: Record<string, string> = {
  AT: "0.20",
  BE: "0.21",
  BG: "0.20",
  CY: "0.19",
  CZ: "0.21",
  DE: "0.19",
  DK: "0.25",
  EE: "0.24",
  ES: "0.21",
  FI: "0.255",
  FR: "0.20",
  GR: "0.24",
  HR: "0.25",
  HU: "0.27",
  IE: "0.23",
  IT: "0.22",
  LT: "0.21",
  LU: "0.17",
  LV: "0.21",
  MT: "0.18",
  NL: "0.21",
  PL: "0.23",
  PT: "0.23",
  RO: "0.21",
  SE: "0.25",
  SI: "0.22",
  SK: "0.23",
};

/** [country, region, rate, tax code (see `tax_names.ts`), inclusive] */
export const TAX_SEED: [string, string, string, string, boolean][] = [
  ...EU.map((c): [string, string, string, string, boolean] => [
    c,
    "",
    EU_VAT[c] ?? "0.20",
    "vat",
    true,
  ]),
  ["GB", "", "0.20", "vat", true],
  ["CH", "", "0.081", "vat", true],
  ["NO", "", "0.25", "vat", true],
  ["AU", "", "0.10", "gst", true],
  ["NZ", "", "0.15", "gst", true],
  ["JP", "", "0.10", "consumption_tax", true],
  ["AE", "", "0.05", "vat", true],
  ["CN", "", "0.13", "vat", true],
  ["IN", "", "0.18", "gst", true],
  ["US", "CA", "0.0725", "sales_tax", false],
  ["US", "NY", "0.04", "sales_tax", false],
  ["US", "TX", "0.0625", "sales_tax", false],
  ["US", "WA", "0.065", "sales_tax", false],
  ["US", "FL", "0.06", "sales_tax", false],
  ["US", "IL", "0.0625", "sales_tax", false],
  ["CA", "", "0.05", "gst", false],
  ["CA", "ON", "0.13", "hst", false],
  ["CA", "NS", "0.14", "hst", false],
  ["CA", "QC", "0.14975", "gst_qst", false],
  ["CA", "BC", "0.12", "gst_pst", false],
];

/** Load the zones, methods, prices and tax rates that are not there yet. */
export async function seedCheckout(
  sql: Sql,
): Promise<{ zones: number; taxRates: number }> {
  return await sql.begin(async (tx) => {
    for (const [position, zone] of SHIPPING_SEED.entries()) {
      await tx`
        insert into checkout.shipping_zones (key, countries, position)
        values (${zone.key}, ${zone.countries}, ${position})
        on conflict (key) do nothing`;
      const [{ id: zoneId }] = await tx`
        select id from checkout.shipping_zones where key = ${zone.key}`;
      for (const [index, method] of zone.methods.entries()) {
        await tx`
          insert into checkout.shipping_methods
            (zone_id, key, kind, name, min_days, max_days, position)
          values (${zoneId}, ${method.key}, ${method.kind}, ${
          tx.json(method.name)
        },
            ${method.days[0]}, ${method.days[1]}, ${index})
          on conflict (zone_id, key) do nothing`;
        const [{ id: methodId }] = await tx`
          select id from checkout.shipping_methods
          where zone_id = ${zoneId} and key = ${method.key}`;
        for (
          const [currency, [flat, perKg, freeOver]] of Object.entries(
            method.prices,
          )
        ) {
          await tx`
            insert into checkout.shipping_prices
              (method_id, currency, flat_amount, per_kg_amount, free_over)
            values (${methodId}, ${currency}, ${flat}, ${perKg}, ${freeOver})
            on conflict do nothing`;
        }
      }
    }
    for (const [country, region, rate, name, inclusive] of TAX_SEED) {
      await tx`
        insert into checkout.tax_rates (country, region, rate, name, inclusive)
        values (${country}, ${region}, ${rate}, ${name}, ${inclusive})
        on conflict (country, region) do nothing`;
    }
    return { zones: SHIPPING_SEED.length, taxRates: TAX_SEED.length };
  });
}
