import assert from "node:assert/strict";
import {
  convert,
  ecbSource,
  openExchangeRatesSource,
  parseEcbXml,
  parseOpenExchangeRatesJson,
  RateFeedError,
  snapshotRates,
} from "../mod.ts";

const testdata = (name: string) =>
  Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("parseEcbXml() reads the ECB daily feed of 2022-07-08", async () => {
  const table = parseEcbXml(
    await testdata("ecb-eurofxref-daily-2022-07-08.xml.txt"),
  );
  assert.equal(table.base, "EUR");
  assert.equal(table.source, "ecb");
  assert.equal(table.asOf.toISOString(), "2022-07-08T00:00:00.000Z");
  assert.equal(table.rates.size, 31);
  assert.equal(table.rates.get("USD"), "1.0163");
  assert.equal(table.rates.get("PLN"), "4.7630"); // digits kept as sent
  assert.equal(table.rates.get("IDR"), "15210.73");
  assert.equal(table.rates.has("EUR"), false);
  assert.equal(table.rates.has("AED"), false);
});

Deno.test("parseEcbXml() takes the newest day of a history file", async () => {
  const table = parseEcbXml(
    await testdata("ecb-eurofxref-hist-90d-2017.xml.txt"),
  );
  assert.equal(table.asOf.toISOString(), "2017-03-03T00:00:00.000Z");
  assert.equal(table.rates.get("USD"), "1.0565");
  assert.equal(table.rates.get("RUB"), "62.0628");
  assert.equal(table.rates.size, 31);
});

Deno.test("parseEcbXml() accepts either quote, any attribute order and comments", () => {
  const table = parseEcbXml(`<?xml version="1.0"?>
    <Envelope><!-- <Cube time='1990-01-01'> --><Cube>
      <Cube time="2024-01-02" >
        <Cube rate="1.0956" currency="USD" />
        <Cube currency = 'JPY' rate = '155.52'/>
      </Cube></Cube></Envelope>`);
  assert.equal(table.asOf.toISOString(), "2024-01-02T00:00:00.000Z");
  assert.deepEqual([...table.rates], [["JPY", "155.52"], ["USD", "1.0956"]]);
});

Deno.test("parseEcbXml() rejects documents it cannot trust", () => {
  const day = (cubes: string, time = "2022-07-08") =>
    `<Cube><Cube time='${time}'>${cubes}</Cube></Cube>`;
  const cases: [string, RegExp][] = [
    ["<html>Maintenance</html>", /no <Cube time/],
    [day(""), /at least one rate/],
    [day("<Cube currency='USD' rate='-1.0'/>"), /plain decimal/],
    [day("<Cube currency='USD' rate='0.0000'/>"), /positive/],
    [day("<Cube currency='USD' rate='1,2'/>"), /plain decimal/],
    [day("<Cube currency='usd' rate='1.2'/>"), /ISO 4217/],
    [
      day("<Cube currency='USD' rate='1'/><Cube currency='USD' rate='2'/>"),
      /once/,
    ],
    [day("<Cube currency='USD' rate='1'/>", "2022-13-40"), /dated/],
    [day("<Cube currency='USD' rate='1'/>", "1970-01-01"), /between 1999/],
    [day("<Cube currency='USD' rate='1'/>", "2999-01-01"), /between 1999/],
    ["<Cube currency='USD' rate='1'/>", /outside a dated/],
  ];
  for (const [xml, message] of cases) {
    assert.throws(
      () => parseEcbXml(xml),
      (error: unknown) =>
        error instanceof RateFeedError && !error.retryable &&
        message.test(error.message),
      xml,
    );
  }
});

Deno.test("parseOpenExchangeRatesJson() reads latest.json exactly, skipping non-currencies", async () => {
  const table = parseOpenExchangeRatesJson(
    await testdata("oxr-latest-2016-03-22.json"),
  );
  assert.equal(table.base, "USD");
  assert.equal(table.source, "openexchangerates");
  assert.equal(table.asOf.toISOString(), "2016-03-22T16:00:08.000Z");
  assert.equal(table.rates.get("AED"), "3.672995");
  assert.equal(table.rates.get("EUR"), "0.890663");
  assert.equal(table.rates.get("BBD"), "2");
  assert.equal(table.rates.get("KWD"), "0.301181");
  // Not ISO currencies this runtime knows (Bitcoin, gold, retired kroon)…
  for (const code of ["BTC", "XAU", "EEK"]) {
    assert.equal(table.rates.has(code), false, code);
  }
  // …and the base itself, listed at 1, is implied.
  assert.equal(table.rates.has("USD"), false);
});

Deno.test("parseOpenExchangeRatesJson() keeps a number's digits and expands exponents", () => {
  const table = parseOpenExchangeRatesJson(
    JSON.stringify({
      base: "USD",
      timestamp: 1458662408,
    }).replace(
      "}",
      ',"rates":{"EUR":0.89066312345678912345,"JPY":1.1170620E+2,"KWD":3e-1}}',
    ),
  );
  assert.equal(table.rates.get("EUR"), "0.89066312345678912345");
  assert.equal(table.rates.get("JPY"), "111.7062");
  assert.equal(table.rates.get("KWD"), "0.3");
});

Deno.test("parseOpenExchangeRatesJson() rejects documents it cannot trust", () => {
  const doc = (fields: Record<string, unknown>) =>
    JSON.stringify({
      base: "USD",
      timestamp: 1458662408,
      rates: { EUR: 0.9 },
      ...fields,
    });
  const cases: [string, RegExp][] = [
    ["not json", /did not send JSON/],
    [doc({ rates: undefined }), /unexpected document: rates/],
    [doc({ timestamp: -5 }), /unexpected document: timestamp/],
    [doc({ timestamp: 1 }), /between 1999/],
    [doc({ rates: { EUR: -0.9 } }), /plain decimal/],
    [doc({ rates: { EUR: 0 } }), /positive/],
    [doc({ rates: { EUR: "0.9" } }), /unexpected document/],
    [doc({ base: "XYZ" }), /known currency/],
    [doc({ rates: { USD: 2, EUR: 0.9 } }), /base 'USD' at 2/],
    [doc({ rates: { BTC: 0.002 } }), /no usable rates/],
  ];
  for (const [json, message] of cases) {
    assert.throws(
      () => parseOpenExchangeRatesJson(json),
      (error: unknown) =>
        error instanceof RateFeedError && !error.retryable &&
        message.test(error.message),
      json,
    );
  }
});

Deno.test("snapshotRates() is the ECB table of 2022-07-08 plus AED from its USD peg", async () => {
  const snapshot = snapshotRates();
  const ecb = parseEcbXml(
    await testdata("ecb-eurofxref-daily-2022-07-08.xml.txt"),
  );
  assert.equal(snapshot.source, "snapshot");
  assert.equal(snapshot.base, "EUR");
  assert.equal(snapshot.asOf.getTime(), ecb.asOf.getTime());
  for (const [code, rate] of ecb.rates) {
    assert.equal(snapshot.rates.get(code), rate, code);
  }
  assert.equal(snapshot.rates.size, ecb.rates.size + 1);
  const dirhams = convert({ amount: 10000n, currency: "USD" }, "AED", snapshot);
  assert.equal(dirhams.rate, "3.6725");
  assert.equal(dirhams.money.amount, 36725n);
});

/** Serve `handler` on a free loopback port for the length of `fn`. */
async function withServer(
  handler: (request: Request) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    handler,
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

Deno.test("ecbSource() fetches and parses the feed over HTTP", async () => {
  const xml = await testdata("ecb-eurofxref-daily-2022-07-08.xml.txt");
  await withServer(
    () => new Response(xml, { headers: { "content-type": "text/xml" } }),
    async (url) => {
      const table = await ecbSource({ url: `${url}/daily.xml` }).fetch(
        new AbortController().signal,
      );
      assert.equal(table.rates.get("JPY"), "138.05");
    },
  );
});

Deno.test("openExchangeRatesSource() sends the app id and never reveals it in errors", async () => {
  const json = await testdata("oxr-latest-2016-03-22.json");
  const seen: string[] = [];
  await withServer((request) => {
    const appId = new URL(request.url).searchParams.get("app_id") ?? "";
    seen.push(appId);
    return appId === "good-id"
      ? new Response(json)
      : Response.json({ error: true, status: 401, message: "invalid_app_id" }, {
        status: 401,
      });
  }, async (url) => {
    const signal = new AbortController().signal;
    const table = await openExchangeRatesSource({
      appId: "good-id",
      url: `${url}/api/latest.json`,
    }).fetch(signal);
    assert.equal(table.rates.get("EUR"), "0.890663");
    const error = await openExchangeRatesSource({
      appId: "s3cret-id",
      url: `${url}/api/latest.json`,
    }).fetch(signal).catch((error) => error);
    assert.ok(error instanceof RateFeedError);
    assert.equal(error.status, 401);
    assert.equal(error.retryable, false);
    assert.match(error.message, /HTTP 401 \(invalid_app_id\)/);
    assert.doesNotMatch(
      JSON.stringify(error, Object.getOwnPropertyNames(error)),
      /s3cret/,
    );
  });
  assert.deepEqual(seen, ["good-id", "s3cret-id"]);
  // Unreachable: the network error's text (which names the URL) is scrubbed.
  const unreachable = await openExchangeRatesSource({
    appId: "s3cret-id",
    url: "http://127.0.0.1:1/api/latest.json",
  }).fetch(new AbortController().signal).catch((error) => error);
  assert.ok(unreachable instanceof RateFeedError && unreachable.retryable);
  assert.doesNotMatch(unreachable.message, /s3cret/);
  assert.doesNotMatch(String((unreachable.cause as Error).message), /s3cret/);
});
