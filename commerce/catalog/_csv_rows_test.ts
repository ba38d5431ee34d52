import assert from "node:assert/strict";
import {
  exportColumns,
  formatOptions,
  parseOptions,
  readHeader,
  rowReader,
} from "./_csv_rows.ts";
import { InvalidCsvError } from "./csv_errors.ts";

const STORE = { baseCurrency: "USD", currencies: ["USD", "EUR", "JPY"] };

Deno.test("parseOptions() reads name=value pairs and formatOptions() writes them back", () => {
  assert.deepEqual(parseOptions("color=Black;size=M"), {
    color: "Black",
    size: "M",
  });
  assert.deepEqual(parseOptions(""), {});
  assert.deepEqual(parseOptions(" size = M ; "), { size: "M" });
  assert.deepEqual(parseOptions("fit=a\\;b;note=x=y;path=c:\\\\d"), {
    fit: "a;b",
    note: "x=y",
    path: "c:\\d",
  });
  const options = { size: "M", color: "Black; matte", path: "a\\b" };
  assert.equal(
    formatOptions(options),
    "color=Black\\; matte;path=a\\\\b;size=M",
  );
  assert.deepEqual(parseOptions(formatOptions(options)), options);
});

Deno.test("parseOptions() says what is wrong with bad options", () => {
  assert.match(parseOptions("color") as string, /not name=value/);
  assert.match(parseOptions("Color=Red") as string, /lowercase code/);
  assert.match(parseOptions("color=") as string, /no value/);
  assert.match(parseOptions("color=a;color=b") as string, /given twice/);
  const many = Array.from({ length: 11 }, (_, i) => `o${i}=x`).join(";");
  assert.match(parseOptions(many) as string, /at most 10/);
});

Deno.test("readHeader() maps columns and refuses unknown ones", () => {
  const columns = exportColumns(STORE);
  assert.deepEqual(columns.filter((c) => c.startsWith("price_")), [
    "price_EUR",
    "price_JPY",
  ]);
  const layout = readHeader(
    [" SKU ", "category", "base_price", "name_en", "Price_eur"],
    STORE,
  );
  assert.deepEqual([...layout.columns.keys()], [
    "sku",
    "category",
    "base_price",
    "name_en",
    "price_EUR",
  ]);
  assert.deepEqual(layout.languages, ["en"]);
  assert.deepEqual(layout.currencies, ["EUR"]);

  const problems = (fields: string[]) => {
    try {
      readHeader(fields, STORE);
    } catch (error) {
      assert.ok(error instanceof InvalidCsvError);
      return (error.details as { problems: string[] }).problems;
    }
    assert.fail("the header was accepted");
  };
  assert.deepEqual(
    problems(["sku", "category", "name_en", "name_xx", "price_GBP", "color"]),
    [
      "'name_xx': the store has no language 'xx' (it has en, de, fr, es, ja, zh, ar)",
      "'price_GBP': the store does not sell in 'GBP' (it sells in EUR, JPY)",
      "'color' is not a column of the product file",
      "'base_price' is missing",
    ],
  );
  assert.match(
    problems(["sku", "category", "base_price", "name_en", "description_de"])[0],
    /needs a 'name_de' column/,
  );
  assert.match(
    problems(["sku", "category", "base_price", "name_en", "sku"])[0],
    /appears twice/,
  );
  assert.match(
    problems(["sku", "category", "base_price", "name_en", "price_usd"])[0],
    /base currency/,
  );
});

Deno.test("rowReader() validates a row and names the failing columns", () => {
  const header = [
    "sku",
    "category",
    "base_price",
    "name_en",
    "name_de",
    "description_de",
    "stock",
    "price_JPY",
    "options",
  ];
  const read = rowReader(readHeader(header, STORE), STORE);
  const good = read({
    line: 2,
    fields: ["A-1", "knives", "12.5", " Knife ", "", "", "", "1980", "size=M"],
  });
  assert.ok(good.ok);
  assert.equal(good.row.basePrice, "12.50");
  assert.deepEqual(good.row.copy, {
    en: { name: "Knife", description: undefined },
    de: null,
  });
  assert.equal(good.row.stock, null);
  assert.deepEqual(good.row.prices, { JPY: "1980" });
  assert.deepEqual(good.row.options, { size: "M" });

  const bad = read({
    line: 3,
    fields: ["A 1", "", "1.001", "", "", "Text", "-1", "1.5", "x"],
  });
  assert.ok(!bad.ok);
  assert.equal(bad.sku, "A 1");
  assert.deepEqual(bad.errors.map((e) => e.column), [
    "sku",
    "category",
    "base_price",
    "name_en",
    "name_de",
    "stock",
    "price_JPY",
    "options",
  ]);
  const productOnly = read({
    line: 4,
    fields: ["", "knives", "1", "Knife", "", "", "3", "", "size=M"],
  });
  assert.ok(!productOnly.ok);
  assert.deepEqual(productOnly.errors.map((e) => e.column), [
    "stock",
    "options",
  ]);
  const short = read({ line: 5, fields: ["A-1", "knives"] });
  assert.ok(!short.ok);
  assert.deepEqual(short.errors.map((e) => e.column), [null]);
});
