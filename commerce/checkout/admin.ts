/**
 * Admin: shipping zones (countries, methods, per-currency prices and
 * free-shipping thresholds) and tax rates. Each write is one transaction
 * with its audit row. The storefront reads these tables live at every
 * quote (nothing of them is cached), so a change applies to the next
 * quote; a quote already given is re-checked when its order is placed.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { Conflict, Invalid, NotFound } from "../../edge/errors.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import { parseMoney, toDecimalString, trimZeros } from "../pricing/mod.ts";

type Db = Sql | postgres.TransactionSql;

/** A page of a list, `limit` items from `(page - 1) * limit`. */
export interface AdminPage<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

/** A method's price in one currency (exact decimal strings). */
export interface ShippingPriceInput {
  currency: string;
  flatAmount: string;
  /** Added per started kilogram by a `weight` method ("0" by default). */
  perKgAmount?: string;
  /** Goods worth this much or more ship free (none by default). */
  freeOver?: string | null;
}

/** A shipping method of a zone. */
export interface ShippingMethodInput {
  /** Unique in its zone: what quotes and orders name. */
  key: string;
  kind: "flat" | "weight";
  /** By language; English is required (the fallback). */
  name: Record<string, string>;
  minDays: number;
  maxDays: number;
  prices: ShippingPriceInput[];
}

/** A shipping zone as an admin creates it. */
export interface ShippingZoneInput {
  key: string;
  /** ISO 3166-1 alpha-2 codes, or `*` for the rest of the world. */
  countries: string[];
  position?: number;
  methods: ShippingMethodInput[];
}

/**
 * A change to a zone; `methods`, when given, is the zone's complete list:
 * methods are matched by key (kept, with their prices replaced), new keys
 * added, missing ones removed.
 */
export type ShippingZonePatch = Partial<ShippingZoneInput>;

/** A method's price as the admin API shows it. */
export interface ShippingPriceView {
  currency: string;
  flatAmount: string;
  perKgAmount: string;
  freeOver: string | null;
}

/** A method as the admin API shows it. */
export interface ShippingMethodView {
  id: string;
  key: string;
  kind: "flat" | "weight";
  name: Record<string, string>;
  minDays: number;
  maxDays: number;
  position: number;
  prices: ShippingPriceView[];
}

/** A zone as the admin API shows it. */
export interface ShippingZoneView {
  id: string;
  key: string;
  countries: string[];
  position: number;
  methods: ShippingMethodView[];
}

/** A zone's key or countries clash with another zone's: 409. */
export class ShippingZoneConflict extends Conflict {
  constructor(
    message: string,
    details: { key?: string; countries?: string[]; zone: string },
  ) {
    super(message, { details });
  }
}

// Amounts as stored (numeric(19, 4)) come back as "5.9900": shown as the
// currency writes them ("5.99", "600"), or as stored if it cannot.
function amount(text: string, currency: string): string {
  try {
    return toDecimalString(parseMoney(trimZeros(text), currency));
  } catch {
    return trimZeros(text);
  }
}

async function zoneViews(
  sql: Db,
  zoneIds: string[],
): Promise<ShippingZoneView[]> {
  if (!zoneIds.length) return [];
  const zones = await sql`
    select id, key, countries, position from checkout.shipping_zones
    where id = any(${zoneIds}) order by position, key`;
  const methods = await sql`
    select id, zone_id, key, kind, name, min_days, max_days, position
    from checkout.shipping_methods
    where zone_id = any(${zoneIds}) order by position, key`;
  const prices = await sql`
    select p.method_id, p.currency, p.flat_amount::text, p.per_kg_amount::text,
      p.free_over::text
    from checkout.shipping_prices p
    join checkout.shipping_methods m on m.id = p.method_id
    where m.zone_id = any(${zoneIds}) order by p.currency`;
  return zones.map((zone) => ({
    id: zone.id,
    key: zone.key,
    countries: zone.countries,
    position: zone.position,
    methods: methods.filter((m) => m.zone_id === zone.id).map((m) => ({
      id: m.id,
      key: m.key,
      kind: m.kind,
      name: m.name,
      minDays: m.min_days,
      maxDays: m.max_days,
      position: m.position,
      prices: prices.filter((p) => p.method_id === m.id).map((p) => ({
        currency: p.currency,
        flatAmount: amount(p.flat_amount, p.currency),
        perKgAmount: amount(p.per_kg_amount, p.currency),
        freeOver: p.free_over === null ? null : amount(p.free_over, p.currency),
      })),
    })),
  }));
}

/** A page of the shipping zones in the order quotes try them. */
export async function listShippingZones(
  sql: Db,
  options: { page: number; limit: number },
): Promise<AdminPage<ShippingZoneView>> {
  const { page, limit } = options;
  const rows = await sql`
    select id, count(*) over () as total from checkout.shipping_zones
    order by position, key
    limit ${limit} offset ${(page - 1) * limit}`;
  const total = rows.length ? Number(rows[0].total) : Number(
    (await sql`select count(*) from checkout.shipping_zones`)[0].count,
  );
  return {
    items: await zoneViews(sql, rows.map((row) => row.id)),
    page,
    limit,
    total,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One zone with its methods and prices; throws `NotFound`. */
export async function getShippingZone(
  sql: Db,
  id: string,
): Promise<ShippingZoneView> {
  const [zone] = UUID.test(id) ? await zoneViews(sql, [id]) : [];
  if (!zone) throw new NotFound(`No shipping zone '${id}'`);
  return zone;
}

// The key and the countries must not be another zone's: a country in two
// zones would ship by whichever sorts first.
async function checkClashes(
  tx: postgres.TransactionSql,
  zone: { id: string | null; key: string; countries: string[] },
): Promise<void> {
  // Zones are few: one lock keeps two concurrent writes from both passing.
  await tx`lock table checkout.shipping_zones in share row exclusive mode`;
  const [same] = await tx`
    select id from checkout.shipping_zones
    where key = ${zone.key} and id is distinct from ${zone.id}`;
  if (same) {
    throw new ShippingZoneConflict(
      `A shipping zone '${zone.key}' exists already`,
      { key: zone.key, zone: same.id },
    );
  }
  const [overlap] = await tx`
    select id, key, array(
      select unnest(countries) intersect select unnest(${zone.countries}::text[])
      order by 1
    ) as countries
    from checkout.shipping_zones
    where countries && ${zone.countries}::text[] and id is distinct from ${zone.id}
    limit 1`;
  if (overlap) {
    throw new ShippingZoneConflict(
      `${
        overlap.countries.map((c: string) => `'${c}'`).join(", ")
      } already belong to the shipping zone '${overlap.key}'`,
      { countries: overlap.countries, zone: overlap.id },
    );
  }
}

function priceRow(methodId: string, price: ShippingPriceInput) {
  const exact = (text: string) =>
    toDecimalString(parseMoney(text, price.currency));
  return {
    method_id: methodId,
    currency: price.currency,
    flat_amount: exact(price.flatAmount),
    per_kg_amount: exact(price.perKgAmount ?? "0"),
    free_over: price.freeOver == null ? null : exact(price.freeOver),
  };
}

// Every amount is read before anything is written: a bad one is a 400,
// not a half-written zone.
function checkAmounts(methods: readonly ShippingMethodInput[]): void {
  for (const method of methods) {
    for (const price of method.prices) priceRow("", price);
  }
}

async function writeMethods(
  tx: postgres.TransactionSql,
  zoneId: string,
  methods: readonly ShippingMethodInput[],
): Promise<void> {
  await tx`
    delete from checkout.shipping_methods
    where zone_id = ${zoneId} and key <> all(${methods.map((m) => m.key)})`;
  for (const [position, method] of methods.entries()) {
    const [{ id }] = await tx`
      insert into checkout.shipping_methods
        (zone_id, key, kind, name, min_days, max_days, position)
      values (${zoneId}, ${method.key}, ${method.kind}, ${tx.json(method.name)},
        ${method.minDays}, ${method.maxDays}, ${position})
      on conflict (zone_id, key) do update
        set kind = excluded.kind, name = excluded.name,
            min_days = excluded.min_days, max_days = excluded.max_days,
            position = excluded.position
      returning id`;
    await tx`delete from checkout.shipping_prices where method_id = ${id}`;
    await tx`
      insert into checkout.shipping_prices ${
      tx(method.prices.map((price) => priceRow(id, price)))
    }`;
  }
}

/**
 * Create a zone with its methods and prices, audited
 * (`shipping_zone.create`). Throws `ShippingZoneConflict` (409) for a key
 * or a country another zone has, `InvalidAmountError` (400) for an amount
 * with more decimals than its currency.
 */
export async function createShippingZone(
  sql: Sql,
  options: { zone: ShippingZoneInput; actor: AuditActor },
): Promise<ShippingZoneView> {
  const { zone, actor } = options;
  checkAmounts(zone.methods);
  return await sql.begin(async (tx) => {
    await checkClashes(tx, { id: null, ...zone });
    const [{ id }] = await tx`
      insert into checkout.shipping_zones (key, countries, position)
      values (${zone.key}, ${zone.countries}, ${zone.position ?? 0})
      returning id`;
    await writeMethods(tx, id, zone.methods);
    const after = await getShippingZone(tx, id);
    await recordAudit(tx, actor, {
      action: "shipping_zone.create",
      entityType: "shipping_zone",
      entityId: id,
      after,
    });
    return after;
  });
}

/**
 * Change a zone, audited (`shipping_zone.update`, before and after).
 * Throws `NotFound`, `ShippingZoneConflict` (409) and
 * `InvalidAmountError` (400).
 */
export async function updateShippingZone(
  sql: Sql,
  options: { id: string; patch: ShippingZonePatch; actor: AuditActor },
): Promise<ShippingZoneView> {
  const { id, patch, actor } = options;
  if (patch.methods) checkAmounts(patch.methods);
  return await sql.begin(async (tx) => {
    const before = await getShippingZone(tx, id);
    const next = {
      key: patch.key ?? before.key,
      countries: patch.countries ?? before.countries,
      position: patch.position ?? before.position,
    };
    await checkClashes(tx, { id, ...next });
    await tx`
      update checkout.shipping_zones
      set key = ${next.key}, countries = ${next.countries},
          position = ${next.position}
      where id = ${id}`;
    if (patch.methods) await writeMethods(tx, id, patch.methods);
    const after = await getShippingZone(tx, id);
    await recordAudit(tx, actor, {
      action: "shipping_zone.update",
      entityType: "shipping_zone",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Delete a zone with its methods and prices, audited
 * (`shipping_zone.delete`, with the zone as it was). Throws `NotFound`.
 */
export async function deleteShippingZone(
  sql: Sql,
  options: { id: string; actor: AuditActor },
): Promise<void> {
  const { id, actor } = options;
  await sql.begin(async (tx) => {
    const before = await getShippingZone(tx, id);
    await tx`delete from checkout.shipping_zones where id = ${id}`;
    await recordAudit(tx, actor, {
      action: "shipping_zone.delete",
      entityType: "shipping_zone",
      entityId: id,
      before,
    });
  });
}

/** A tax rate as the admin API shows it and takes it. */
export interface TaxRateView {
  country: string;
  /** A region of the country (a US state); "" for the whole country. */
  region: string;
  /** A decimal fraction ("0.19"), below 1, at most six decimals. */
  rate: string;
  /** A tax code (`vat`, `sales_tax`; see `taxName()`) or the admin's own. */
  name: string;
  /** Shelf prices contain it (VAT/GST) rather than having it added. */
  inclusive: boolean;
  appliesToShipping: boolean;
}

function taxView(row: postgres.Row): TaxRateView {
  return {
    country: row.country,
    region: row.region,
    rate: trimZeros(row.rate),
    name: row.name,
    inclusive: row.inclusive,
    appliesToShipping: row.applies_to_shipping,
  };
}

/** A page of the tax rates by country and region, optionally of one country. */
export async function listTaxRates(
  sql: Db,
  options: { country?: string; page: number; limit: number },
): Promise<AdminPage<TaxRateView>> {
  const { page, limit } = options;
  const where = options.country
    ? sql`where country = ${options.country}`
    : sql``;
  const rows = await sql`
    select country, region, rate::text, name, inclusive, applies_to_shipping
    from checkout.tax_rates ${where}
    order by country, region
    limit ${limit} offset ${(page - 1) * limit}`;
  const [{ count }] =
    await sql`select count(*) from checkout.tax_rates ${where}`;
  return { items: rows.map(taxView), page, limit, total: Number(count) };
}

function taxKey(country: string, region: string): string {
  return region ? `${country}-${region}` : country;
}

/**
 * Create or replace the tax rate of `country` (and `region`), audited
 * (`tax_rate.put`, before and after). `created` says whether it is new.
 */
export async function putTaxRate(
  sql: Sql,
  options: { rate: TaxRateView; actor: AuditActor },
): Promise<{ rate: TaxRateView; created: boolean }> {
  const { actor } = options;
  if (!/^0(\.\d{1,6})?$/.test(options.rate.rate)) {
    throw new Invalid(
      `The tax rate '${options.rate.rate}' is not a fraction below 1 with at most six decimals`,
      { code: "invalid_tax_rate", details: { rate: options.rate.rate } },
    );
  }
  const input = { ...options.rate, rate: trimZeros(options.rate.rate) };
  return await sql.begin(async (tx) => {
    const [old] = await tx`
      select country, region, rate::text, name, inclusive, applies_to_shipping
      from checkout.tax_rates
      where country = ${input.country} and region = ${input.region}
      for update`;
    const [row] = await tx`
      insert into checkout.tax_rates
        (country, region, rate, name, inclusive, applies_to_shipping)
      values (${input.country}, ${input.region}, ${input.rate}, ${input.name},
        ${input.inclusive}, ${input.appliesToShipping})
      on conflict (country, region) do update
        set rate = excluded.rate, name = excluded.name,
            inclusive = excluded.inclusive,
            applies_to_shipping = excluded.applies_to_shipping
      returning country, region, rate::text, name, inclusive,
        applies_to_shipping`;
    const rate = taxView(row);
    await recordAudit(tx, actor, {
      action: "tax_rate.put",
      entityType: "tax_rate",
      entityId: taxKey(rate.country, rate.region),
      before: old ? taxView(old) : null,
      after: rate,
    });
    return { rate, created: !old };
  });
}

/**
 * Delete the tax rate of `country` (and `region`), audited
 * (`tax_rate.delete`): the destination is then taxed by its country-wide
 * rate, or not at all. Throws `NotFound`.
 */
export async function deleteTaxRate(
  sql: Sql,
  options: { country: string; region: string; actor: AuditActor },
): Promise<void> {
  const { country, region, actor } = options;
  await sql.begin(async (tx) => {
    const [old] = await tx`
      delete from checkout.tax_rates
      where country = ${country} and region = ${region}
      returning country, region, rate::text, name, inclusive,
        applies_to_shipping`;
    if (!old) {
      throw new NotFound(
        `No tax rate for '${taxKey(country, region)}'`,
        { details: { country, region } },
      );
    }
    await recordAudit(tx, actor, {
      action: "tax_rate.delete",
      entityType: "tax_rate",
      entityId: taxKey(country, region),
      before: taxView(old),
    });
  });
}
