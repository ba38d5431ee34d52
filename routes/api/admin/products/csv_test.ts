import assert from "node:assert/strict";
import {
  guestShopper,
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import type { Store } from "../../../../edge/server.ts";
import { assertStaffOnly } from "../_test_util.ts";
import { auditOf, call, storefrontProduct } from "./_test_util.ts";

const LANGUAGES = ["en", "de", "fr", "es", "ja", "zh", "ar"];
const COLUMNS = [
  "product_id",
  "product_key",
  "status",
  "category",
  "base_price",
  "brand",
  ...LANGUAGES.flatMap((l) => [`name_${l}`, `description_${l}`]),
  "sku",
  "options",
  "weight_grams",
  "stock",
  "variant_price",
  "price_EUR",
  "price_JPY",
];
const MiB = 1024 * 1024;

type Row = Record<string, string>;

// Written here by hand, apart from the module's writer, so the test checks
// the reader against an independent idea of RFC 4180.
function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The CSV of `rows`, and the line each row starts on; the rows at
 * `shorten` lose their last field.
 */
function csvOf(
  rows: readonly Row[],
  options: { columns?: readonly string[]; shorten?: number[] } = {},
): { csv: string; lines: number[] } {
  const columns = options.columns ?? COLUMNS;
  let csv = columns.join(",") + "\r\n";
  let line = 2;
  const lines: number[] = [];
  rows.forEach((row, index) => {
    lines.push(line);
    const fields = columns.map((c) => quote(row[c] ?? ""));
    if (options.shorten?.includes(index)) fields.pop();
    const record = fields.join(",");
    csv += record + "\r\n";
    line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
  });
  return { csv, lines };
}

/** Product `n` of the generated catalog, with its variants' rows. */
function productRows(n: number): Row[] {
  const id = String(n).padStart(4, "0");
  const product: Row = {
    product_key: `p-${id}`,
    status: "active",
    category: ["kitchen", "knives", "travel"][n % 3],
    base_price: `${10 + (n % 50)}.${n % 2 ? "50" : "00"}`,
    brand: `Brand ${n % 7}`,
    price_EUR: n % 2 ? "19.99" : "",
    price_JPY: n % 5 ? "" : "2980",
  };
  const names: Record<string, string> = {
    en: `Product ${id}`,
    de: `Produkt ${id}`,
    fr: `Produit ${id}`,
    es: `Producto ${id}`,
    ja: `製品 ${id}`,
    zh: `产品 ${id}`,
    ar: `منتج ${id}`,
  };
  for (const language of LANGUAGES) {
    product[`name_${language}`] = names[language];
    product[`description_${language}`] = `${names[language]}, "made" well.`;
  }
  if (n === 3) product.description_en = "Two lines,\nwith a comma";
  const sizes = n % 20 === 0 ? ["S", "M"] : ["M"];
  return sizes.map((size, i) => ({
    ...product,
    sku: `GEN-${id}-${size}`,
    options: `color=${["Black", "White"][n % 2]};size=${size}`,
    weight_grams: String(100 + n),
    stock: String((n * 7) % 40),
    variant_price: i === 1 ? "49.00" : "",
  }));
}

function catalogRows(count: number): Row[] {
  return Array.from({ length: count }, (_, n) => productRows(n)).flat();
}

async function importCsv(
  store: Store,
  options: {
    csv: string | Uint8Array<ArrayBuffer>;
    mode?: string;
    token?: string;
    type?: string;
  },
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {
    "content-type": options.type ?? "text/csv; charset=utf-8",
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await store.app.request(
    `/api/admin/products/import?mode=${options.mode ?? "validate"}`,
    { method: "POST", headers, body: options.csv },
  );
  return { status: response.status, json: await response.json() };
}

/** One more record for `csv` (an export): `row` in its columns. */
function csvLine(csv: string, row: Row): string {
  const header = csv.replace(/^\uFEFF/, "").split("\r\n")[0].split(",");
  return header.map((c) => quote(row[c] ?? "")).join(",") + "\r\n";
}

async function exportCsv(store: Store, token: string) {
  const response = await store.app.request("/api/admin/products/export", {
    headers: { authorization: `Bearer ${token}` },
  });
  return { response, csv: await response.text() };
}

Deno.test({
  name: "the product CSV import validates, commits and round-trips the export",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const productCount = async () =>
        (await call(store, {
          path: "/api/admin/products?limit=1",
          token: admin.token,
        })).json.total;
      const imports = async () =>
        (await call(store, {
          path: "/api/admin/audit?action=product.import&limit=200",
          token: admin.token,
        })).json.items;

      await t.step("anonymous callers get 401 and customers 403", async () => {
        for (const method of ["GET", "POST"]) {
          const path = method === "GET"
            ? "/api/admin/products/export"
            : "/api/admin/products/import?mode=commit";
          await assertStaffOnly(store, {
            customerToken: customer.token,
            method,
            path,
          });
        }
        const { csv } = csvOf(productRows(1));
        const refused = await importCsv(store, {
          csv,
          mode: "commit",
          token: customer.token,
        });
        assert.equal(refused.status, 403);
        assert.equal(await productCount(), 3);
      });

      await t.step("a file that is not a product CSV is a 400", async () => {
        const good = csvOf(productRows(1)).csv;
        const header = COLUMNS.join(",");
        const cases: [string | Uint8Array<ArrayBuffer>, string, RegExp][] = [
          [
            good.replace("Product 0001", '"Product 0001'),
            "invalid_csv",
            /quote/,
          ],
          [
            good.replace('"Produkt 0001, ""made""', 'Produkt "0001'),
            "invalid_csv",
            /quote/,
          ],
          ["", "invalid_csv", /empty/],
          [good.replace("name_de", "name_xx"), "invalid_csv", /header/],
          [good.replace("price_JPY", "price_USD"), "invalid_csv", /header/],
          [good.replace("price_JPY", "price_XYZ"), "invalid_csv", /header/],
          [
            good.replace(header, header.replace("base_price", "cost")),
            "invalid_csv",
            /header/,
          ],
          [good.replace("brand", "sku"), "invalid_csv", /header/],
          [
            new Uint8Array([0x73, 0x6b, 0x75, 0xff, 0x0a]),
            "invalid_csv",
            /UTF-8/,
          ],
        ];
        for (const [csv, code, message] of cases) {
          for (const mode of ["validate", "commit"]) {
            const answer = await importCsv(store, {
              csv,
              mode,
              token: admin.token,
            });
            assert.equal(answer.status, 400, JSON.stringify(answer.json));
            assert.equal(answer.json.error.code, code);
            assert.match(answer.json.error.message, message);
          }
        }
        const header400 = await importCsv(store, {
          csv: good.replace("name_de", "name_xx"),
          token: admin.token,
        });
        assert.deepEqual(header400.json.error.details.line, 1);
        assert.match(
          header400.json.error.details.problems[0],
          /no language 'xx'/,
        );

        const badMode = await importCsv(store, {
          csv: good,
          mode: "maybe",
          token: admin.token,
        });
        assert.equal(badMode.status, 400);
        assert.equal(badMode.json.error.code, "validation_failed");
        const json = await importCsv(store, {
          csv: good,
          type: "application/json",
          token: admin.token,
        });
        assert.equal(json.status, 415);
        assert.equal(json.json.error.code, "unsupported_media_type");
        // The app's body limit (1 MiB) applies to the file too.
        const huge = await importCsv(store, {
          csv: good + "x".repeat(MiB),
          token: admin.token,
        });
        assert.equal(huge.status, 413);
        assert.equal(huge.json.error.code, "payload_too_large");
        assert.equal(await productCount(), 3, "nothing written");
      });

      const rows = catalogRows(1000);
      // [row index, change, expected column]; each a different kind of fault.
      const faults: [number, Row, string | null][] = [
        [10, { name_en: "" }, "name_en"],
        [30, { base_price: "12.345" }, "base_price"],
        [50, { price_JPY: "2980.5" }, "price_JPY"],
        [70, { price_EUR: "abc" }, "price_EUR"],
        [90, { category: "no-such-category" }, "category"],
        [110, { sku: rows[109].sku }, "sku"],
        [130, { sku: "KNF-S" }, "sku"],
        [150, { options: "color" }, "options"],
        [170, { options: "color=red;color=blue" }, "options"],
        [190, { status: "published" }, "status"],
        [210, { weight_grams: "-3" }, "weight_grams"],
        [230, { stock: "2.5" }, "stock"],
        [250, { name_de: "" }, "name_de"],
        [270, { sku: "bad sku!" }, "sku"],
        [290, { product_key: "Bad Key" }, "product_key"],
        [
          310,
          { product_id: "00000000-0000-4000-8000-000000000000" },
          "product_id",
        ],
        [330, { product_id: "not-a-uuid" }, "product_id"],
        // The second variant of product 320 (rows 336 and 337).
        [337, { base_price: "99.00" }, "base_price"],
        [350, { variant_price: "9.999" }, "variant_price"],
        [370, {
          sku: "",
          options: "",
          weight_grams: "",
          stock: "",
          product_key: "no-variant",
        }, "status"],
        [390, { brand: "x".repeat(101) }, "brand"],
      ];
      assert.equal(rows[336].product_key, rows[337].product_key);
      const broken = rows.map((row, index) => {
        const fault = faults.find(([at]) => at === index);
        return fault ? { ...row, ...fault[1] } : row;
      });
      // One row loses its last field: the row as a whole is rejected.
      const { csv: brokenCsv, lines } = csvOf(broken, { shorten: [410] });
      const expected = [
        ...faults.map(([at, , column]) => ({ line: lines[at], column })),
        { line: lines[410], column: null },
      ].sort((a, b) => a.line - b.line);

      await t.step(
        "validate reports exactly the bad lines and writes nothing",
        async () => {
          const bytes = new TextEncoder().encode(brokenCsv).length;
          assert.ok(bytes < MiB, `${bytes} bytes: over the app's body limit`);
          assert.equal(
            lines[5],
            lines[4] + 2,
            "product 3 (row 4) spans two lines",
          );
          const { status, json } = await importCsv(store, {
            csv: brokenCsv,
            token: admin.token,
          });
          assert.equal(status, 200, JSON.stringify(json).slice(0, 500));
          assert.equal(json.mode, "validate");
          assert.equal(json.rows, rows.length);
          assert.deepEqual(
            json.rejected.map((
              r: { line: number; errors: { column: string }[] },
            ) => ({
              line: r.line,
              column: r.errors[0].column,
            })),
            expected,
            JSON.stringify(json.rejected, null, 1),
          );
          for (const rejected of json.rejected) {
            assert.equal(rejected.errors.length, 1, JSON.stringify(rejected));
            assert.equal(typeof rejected.errors[0].message, "string");
          }
          const byLine = new Map(
            json.rejected.map((r: { line: number }) => [r.line, r]),
          );
          // deno-lint-ignore no-explicit-any
          const at = (index: number): any => byLine.get(lines[index]);
          assert.match(
            at(110).errors[0].message,
            new RegExp(`line ${lines[109]}`),
          );
          assert.match(
            at(130).errors[0].message,
            /another product \('knife'\)/,
          );
          assert.match(at(50).errors[0].message, /JPY, which has no decimals/);
          assert.match(
            at(337).errors[0].message,
            new RegExp(`line ${lines[336]}`),
          );
          assert.equal(at(130).sku, "KNF-S");
          // 22 bad rows; products 180 and 200 keep a valid row (a variant)
          // and product 320's valid row is rejected with its other one.
          assert.equal(json.created, 1000 - 20, "products of the valid rows");
          assert.equal(json.updated, 0);
          assert.equal(await productCount(), 3);
        },
      );

      await t.step(
        "a commit with rejected rows is a 422 and writes nothing",
        async () => {
          const { status, json } = await importCsv(store, {
            csv: brokenCsv,
            mode: "commit",
            token: admin.token,
          });
          assert.equal(status, 422);
          assert.equal(json.error.code, "import_rejected");
          assert.equal(json.error.details.rejected.length, expected.length);
          assert.equal(await productCount(), 3);
          assert.equal((await imports()).length, 0);
        },
      );

      const { csv } = csvOf(rows);
      let created: { id: string };
      await t.step(
        "the fixed file commits 1,000 products in one go",
        async () => {
          const validated = await importCsv(store, { csv, token: admin.token });
          assert.deepEqual(validated.json.rejected, []);
          assert.equal(validated.json.created, 1000);
          assert.equal(await productCount(), 3);

          const started = performance.now();
          const { status, json } = await importCsv(store, {
            csv,
            mode: "commit",
            token: admin.token,
          });
          const took = performance.now() - started;
          assert.equal(status, 200, JSON.stringify(json).slice(0, 500));
          assert.deepEqual(
            { ...json, rejected: json.rejected.length },
            {
              mode: "commit",
              rows: rows.length,
              products: 1000,
              created: 1000,
              updated: 0,
              unchanged: 0,
              rejected: 0,
            },
          );
          assert.ok(took < 20_000, `took ${Math.round(took)} ms`);
          assert.equal(await productCount(), 1003);

          const [summary] = await imports();
          assert.equal(summary.entityType, "product_import");
          assert.equal(summary.after.created, 1000);
          assert.equal(summary.actorId, admin.id);
          created = (await call(store, {
            path: "/api/admin/products?q=p-0007",
            token: admin.token,
          })).json.items[0];
          const [audit] = await auditOf(store, {
            token: admin.token,
            entityType: "product",
            entityId: created.id,
          });
          assert.equal(audit.action, "product.create");
          assert.equal(audit.after.copy.de.name, "Produkt 0007");
          assert.equal(audit.after.prices.EUR, "19.99");
        },
      );

      await t.step(
        "the storefront shows an imported product in German with its EUR price",
        async () => {
          const detail = (await call(store, {
            path: `/api/admin/products/${created.id}`,
            token: admin.token,
          })).json;
          assert.equal(detail.status, "active");
          assert.equal(detail.copy.de.slug, "produkt-0007");
          assert.equal(detail.copy.ja.slug, "製品-0007");
          assert.equal(detail.completeness.ar, true);
          assert.equal(detail.variants[0].sku, "GEN-0007-M");
          assert.deepEqual(detail.variants[0].options, {
            color: "White",
            size: "M",
          });
          assert.equal(detail.variants[0].stock.quantity, 9);

          const shown = await storefrontProduct(store, {
            slug: "produkt-0007",
            lang: "de",
            currency: "EUR",
          });
          assert.equal(shown.name, "Produkt 0007");
          assert.equal(shown.description, 'Produkt 0007, "made" well.');
          assert.equal(shown.price.amount, "19.99");
          assert.equal(shown.price.currency, "EUR");
          assert.equal(shown.variants[0].price.amount, "19.99");

          const multi = await storefrontProduct(store, {
            slug: "product-0020",
            currency: "USD",
          });
          assert.deepEqual(
            multi.variants.map((v: { price: { amount: string } }) =>
              v.price.amount
            ),
            ["30.00", "49.00"],
          );
          const twoLines = (await call(store, {
            path: "/api/admin/products?q=p-0003",
            token: admin.token,
          })).json.items[0];
          const three = (await call(store, {
            path: `/api/admin/products/${twoLines.id}`,
            token: admin.token,
          })).json;
          assert.equal(three.copy.en.description, "Two lines,\nwith a comma");
        },
      );

      await t.step(
        "a product without variants exports as one row",
        async () => {
          const travel =
            (await call(store, { path: "/api/categories?lang=en" }))
              .json.find((c: { key: string }) => c.key === "travel");
          const draft = await call(store, {
            method: "POST",
            path: "/api/admin/products",
            token: admin.token,
            body: {
              key: "idea",
              categoryId: travel.id,
              basePrice: "5",
              copy: { en: { name: "Idea, untitled" } },
            },
          });
          assert.equal(draft.status, 201, JSON.stringify(draft.json));
        },
      );

      let exported = "";
      await t.step(
        "the export is one row per variant, as a download",
        async () => {
          const { response, csv: text } = await exportCsv(store, admin.token);
          assert.equal(response.status, 200);
          assert.equal(
            response.headers.get("content-type"),
            "text/csv; charset=utf-8",
          );
          const day = new Date().toISOString().slice(0, 10);
          assert.equal(
            response.headers.get("content-disposition"),
            `attachment; filename="products-${day}.csv"`,
          );
          assert.match(response.headers.get("cache-control") ?? "", /no-store/);
          exported = text;
          const records = text.replace(/^\uFEFF/, "").split("\r\n");
          const header = records[0].split(",");
          // Rows whose text has no comma (the fixture's and generated ones).
          const column = (record: string, name: string) =>
            record.replace('"Idea, untitled"', "Idea").split(",")[
              header.indexOf(name)
            ];
          assert.deepEqual(header, [
            ...COLUMNS.filter((c) => !c.startsWith("price_")),
            ...store.deps.config.CURRENCIES.filter((c) => c !== "USD").map((
              c,
            ) => `price_${c}`),
          ], "every language and sold currency");
          assert.equal(records.at(-1), "", "ends with CRLF");
          assert.equal(records.length - 2, rows.length + 5 + 1);
          const idea = records.find((r) => r.includes(",idea,"))!;
          assert.match(idea, /,idea,draft,travel,5\.00,,"Idea, untitled",,/);
          assert.equal(column(idea, "sku"), "");
          const knife = records.find((r) => r.includes(",KNF-L,"))!;
          assert.match(
            knife,
            /,knife,active,knives,49\.90,Atlas,Atlas Chef's Knife,/,
          );
          assert.match(knife, /,KNF-L,size=l,220,2,59\.90,/);
          const mug = records.find((r) => r.includes(",MUG-B,"))!;
          assert.equal(column(mug, "price_JPY"), "1980");
          assert.equal(column(mug, "name_fr"), "Nordic Mug");
        },
      );

      await t.step("re-importing the export changes nothing", async () => {
        const before = (await imports()).length;
        for (const mode of ["validate", "commit"]) {
          const { status, json } = await importCsv(store, {
            csv: exported,
            mode,
            token: admin.token,
          });
          assert.equal(status, 200, JSON.stringify(json).slice(0, 800));
          assert.deepEqual(json.rejected, []);
          assert.equal(json.created, 0);
          assert.equal(json.updated, 0);
          assert.equal(json.unchanged, 1004);
        }
        assert.equal((await imports()).length, before, "no audit row");
        assert.equal(await productCount(), 1004);
      });

      await t.step(
        "an edited export updates what changed, audited, and the storefront shows it",
        async () => {
          const edited = exported
            .replace("Produkt 0007,", "Produkt Sieben,")
            .replace(
              ",GEN-0007-M,color=White;size=M,107,9,",
              ",GEN-0007-M,color=White;size=M,107,15,",
            );
          assert.notEqual(edited, exported);
          const { status, json } = await importCsv(store, {
            csv: edited,
            mode: "commit",
            token: admin.token,
          });
          assert.equal(status, 200, JSON.stringify(json).slice(0, 800));
          assert.equal(json.updated, 1);
          assert.equal(json.unchanged, 1003);
          const [audit] = await auditOf(store, {
            token: admin.token,
            entityType: "product",
            entityId: created.id,
          });
          assert.equal(audit.action, "product.update");
          assert.deepEqual(audit.before.copy, { de: { name: "Produkt 0007" } });
          assert.deepEqual(audit.after.copy, {
            de: { name: "Produkt Sieben" },
          });
          assert.deepEqual(audit.after.variants, {
            "GEN-0007-M": { quantity: 15 },
          });
          const detail = (await call(store, {
            path: `/api/admin/products/${created.id}`,
            token: admin.token,
          })).json;
          assert.equal(detail.copy.de.slug, "produkt-0007", "slugs stay");
          const movements = (await call(store, {
            path: `/api/admin/variants/${
              detail.variants[0].id
            }/stock-movements`,
            token: admin.token,
          })).json.items;
          assert.deepEqual(
            movements.map((m: { delta: number; reason: string }) => [
              m.delta,
              m.reason,
            ]),
            [[6, "CSV import"], [9, "Initial stock"]],
          );
          const shown = await storefrontProduct(store, {
            slug: "produkt-0007",
            lang: "de",
            currency: "EUR",
          });
          assert.equal(shown.name, "Produkt Sieben");
        },
      );

      await t.step(
        "stock cannot be set below what orders reserved",
        async () => {
          await placeOrder(store.deps.db.sql, {
            owner: guestShopper(store.app).owner,
            quantity: 3,
          });
          const edited = exported.replace(
            ",BAG-1,color=black,900,50,",
            ",BAG-1,color=black,900,2,",
          );
          assert.notEqual(edited, exported);
          const { status, json } = await importCsv(store, {
            csv: edited,
            mode: "commit",
            token: admin.token,
          });
          assert.equal(status, 422);
          const [rejected] = json.error.details.rejected;
          assert.equal(rejected.sku, "BAG-1");
          assert.deepEqual(
            rejected.errors.map((e: { column: string }) => e.column),
            ["stock"],
          );
          assert.match(
            rejected.errors[0].message,
            /3 units of 'BAG-1' are reserved/,
          );
        },
      );

      await t.step(
        "a failure mid-way rolls the whole import back",
        async () => {
          const { sql } = store.deps.db;
          // Stock movements are written after products, copy and variants.
          await sql.unsafe(`
          create function catalog.fail_import() returns trigger
          language plpgsql as $$ begin raise exception 'disk full'; end $$;
          create trigger fail_import before insert on catalog.stock_movements
            for each statement execute function catalog.fail_import();`);
          try {
            const { csv: current } = await exportCsv(store, admin.token);
            const edited = current
              .replace("Produkt Sieben,", "Produkt Acht,")
              .replace(
                ",GEN-0007-M,color=White;size=M,107,15,",
                ",GEN-0007-M,color=White;size=M,107,20,",
              ) + csvLine(current, {
                product_key: "late",
                category: "travel",
                base_price: "1",
                name_en: "Late",
                sku: "LATE-1",
              });
            const before = (await imports()).length;
            const logger = store.deps.logger;
            const logged: string[] = [];
            store.deps.logger = { ...logger, error: (msg) => logged.push(msg) };
            const { status } = await importCsv(store, {
              csv: edited,
              mode: "commit",
              token: admin.token,
            });
            store.deps.logger = logger;
            assert.equal(status, 500);
            assert.deepEqual(logged, ["unhandled error"]);
            assert.equal(await productCount(), 1004);
            assert.equal((await imports()).length, before);
            const detail = (await call(store, {
              path: `/api/admin/products/${created.id}`,
              token: admin.token,
            })).json;
            assert.equal(detail.copy.de.name, "Produkt Sieben");
            assert.equal(detail.variants[0].stock.quantity, 15);
          } finally {
            await sql.unsafe(`
            drop trigger fail_import on catalog.stock_movements;
            drop function catalog.fail_import();`);
          }
        },
      );
    } finally {
      await store.close();
    }
  },
});
