/**
 * Exchange-rate feeds behind one interface: the ECB's daily reference rates
 * (XML, base EUR) and Open Exchange Rates (`latest.json`, base USD on the
 * free plan). Whatever a feed sends is validated with zod before it becomes
 * a {@link RateTable}.
 *
 * @module
 */
import { z } from "zod";
import type { RateTable } from "../convert.ts";
import { isCurrencyCode } from "../currency.ts";
import { plainDecimal } from "../_decimal.ts";
import { RateFeedError } from "../errors.ts";

/**
 * A feed of exchange rates. `name` is the stable id stored with each rate
 * ("ecb"); `label` names it for operators ("ECB"). `fetch` resolves with
 * the feed's latest rates or rejects with a `RateFeedError`; it stops when
 * `signal` aborts.
 */
export interface RateSource {
  readonly name: string;
  readonly label: string;
  fetch(signal: AbortSignal): Promise<RateTable>;
}

/** The ECB's daily euro foreign exchange reference rates. */
export const ECB_RATES_URL =
  "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

/** Open Exchange Rates' latest rates (the app id is added as a parameter). */
export const OPEN_EXCHANGE_RATES_URL =
  "https://openexchangerates.org/api/latest.json";

// A daily feed is a few KB; anything this large is not what we asked for.
const MAX_BODY_CHARS = 2_000_000;
// The ECB's series start on 1999-01-04; nothing older is a current rate.
const EARLIEST = Date.UTC(1999, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");
const PositiveDecimal = z.string().max(40, "is too long")
  .regex(/^\d+(\.\d+)?$/, "must be a plain decimal")
  .refine((value) => /[1-9]/.test(value), "must be positive");

/** A feed's content, as parsed and before it is trusted. */
const FeedSnapshot = z.object({
  base: CurrencyCode.refine(isCurrencyCode, "must be a known currency"),
  asOf: z.date().refine(
    (date) =>
      date.getTime() >= EARLIEST && date.getTime() <= Date.now() + DAY_MS,
    "must be a date between 1999 and tomorrow",
  ),
  rates: z.array(z.tuple([CurrencyCode, PositiveDecimal]))
    .min(1, "must list at least one rate")
    .refine(
      (rates) => new Set(rates.map(([code]) => code)).size === rates.length,
      "must list each currency once",
    ),
});
type FeedSnapshot = z.input<typeof FeedSnapshot>;

/**
 * Validate a parsed feed and make it a rate table. Codes this runtime does
 * not know as currencies (OXR's BTC, XAU, retired EEK...) are dropped: the
 * store could neither format nor round them. A feed listing its own base
 * must list it at 1.
 */
export function validateFeed(
  snapshot: FeedSnapshot,
  { source, label }: { source: string; label: string },
): RateTable {
  const result = FeedSnapshot.safeParse(snapshot);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 3).map((issue) =>
      `${issue.path.join(".") || "(document)"} ${issue.message}`
    );
    throw new RateFeedError(
      `The ${label} feed sent invalid rates: ${problems.join("; ")}`,
      { source, retryable: false },
    );
  }
  const { base, asOf, rates } = result.data;
  const table = new Map<string, string>();
  for (const [code, rate] of rates) {
    if (code === base) {
      if (!/^1(\.0+)?$/.test(rate)) {
        throw new RateFeedError(
          `The ${label} feed lists its base '${base}' at ${rate}, not 1`,
          { source, retryable: false },
        );
      }
    } else if (isCurrencyCode(code)) {
      table.set(code, rate);
    }
  }
  if (table.size === 0) {
    throw new RateFeedError(`The ${label} feed sent no usable rates`, {
      source,
      retryable: false,
    });
  }
  const sorted = new Map([...table].sort(([a], [b]) => a.localeCompare(b)));
  return { base, rates: sorted, asOf, source };
}

/**
 * Parse the ECB's `eurofxref-daily.xml` (or the first, newest day of a
 * `eurofxref-hist` file) into a EUR-based table dated the feed's day at
 * 00:00 UTC. A small scanner over `<Cube>` tags, not an XML library:
 * attributes may use either quote and come in any order; comments are
 * ignored. Throws `RateFeedError` for anything it cannot read.
 */
export function parseEcbXml(xml: string, source = "ecb"): RateTable {
  const label = "ECB";
  const text = xml.replace(/<!--[\s\S]*?-->/g, "");
  let day: string | undefined;
  const rates: [string, string][] = [];
  for (const tag of text.matchAll(/<Cube\b([^>]*)>/g)) {
    const attributes = readAttributes(tag[1]);
    if (attributes.time !== undefined) {
      if (day !== undefined) break; // the next (older) day of a history file
      day = attributes.time;
    } else if (
      attributes.currency !== undefined || attributes.rate !== undefined
    ) {
      if (day === undefined) {
        throw new RateFeedError(
          `The ${label} feed lists a rate outside a dated <Cube>`,
          { source, retryable: false },
        );
      }
      rates.push([attributes.currency ?? "", attributes.rate ?? ""]);
    }
  }
  if (day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new RateFeedError(
      `The ${label} feed has no <Cube time='YYYY-MM-DD'> element`,
      { source, retryable: false },
    );
  }
  const asOf = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(asOf.getTime()) || asOf.toISOString().slice(0, 10) !== day) {
    throw new RateFeedError(`The ${label} feed is dated '${day}'`, {
      source,
      retryable: false,
    });
  }
  return validateFeed({ base: "EUR", asOf, rates }, { source, label });
}

function readAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (
    const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)
  ) {
    attributes[match[1]] = (match[2] ?? match[3]).trim();
  }
  return attributes;
}

/** A JSON number as its source text ("0.890663"), never a float. */
class JsonNumber {
  constructor(readonly text: string) {}
}
const JsonNumberText = z.instanceof(JsonNumber, { error: "must be a number" })
  .transform((number) => number.text);

const OxrDocument = z.object({
  base: z.string(),
  timestamp: JsonNumberText.pipe(
    z.string().regex(/^\d{1,12}$/, "must be a Unix time"),
  ),
  rates: z.record(z.string(), JsonNumberText),
});

/**
 * Parse Open Exchange Rates' `latest.json` (`base`, `timestamp` in Unix
 * seconds, `rates` as JSON numbers). The numbers are read from their source
 * text, never through a float, so "0.002404649631" stays exactly that.
 * Throws `RateFeedError` for anything it cannot read.
 */
export function parseOpenExchangeRatesJson(
  json: string,
  source = "openexchangerates",
): RateTable {
  const label = "Open Exchange Rates";
  let document: unknown;
  try {
    document = JSON.parse(json, (_key, value, context?: { source?: string }) =>
      // Keep a number's own digits; runtimes without the source-text
      // proposal fall back to the shortest round-trip form.
      typeof value === "number"
        ? new JsonNumber(context?.source ?? String(value))
        : value);
  } catch (cause) {
    throw new RateFeedError(`The ${label} feed did not send JSON`, {
      source,
      retryable: false,
      cause,
    });
  }
  const parsed = OxrDocument.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RateFeedError(
      `The ${label} feed sent an unexpected document: ${
        issue.path.join(".")
      } ${issue.message}`,
      { source, retryable: false },
    );
  }
  const { base, timestamp, rates } = parsed.data;
  return validateFeed({
    base,
    asOf: new Date(Number(timestamp) * 1000),
    rates: Object.entries(rates).map((
      [code, rate],
    ) => [code, plainDecimal(rate) ?? rate]),
  }, { source, label });
}

/** What a source factory accepts besides its own settings. */
interface FetchOptions {
  /** The `fetch` to call (tests may pass a fake; default: the global). */
  fetch?: typeof fetch;
}

/**
 * The ECB daily reference rates as a {@link RateSource} named "ecb".
 * `url` defaults to {@link ECB_RATES_URL}.
 */
export function ecbSource(
  options: { url?: string } & FetchOptions = {},
): RateSource {
  const url = options.url ?? ECB_RATES_URL;
  return {
    name: "ecb",
    label: "ECB",
    async fetch(signal) {
      const body = await download(url, {
        signal,
        fetch: options.fetch,
        label: "ECB",
        source: "ecb",
      });
      return parseEcbXml(body, "ecb");
    },
  };
}

/**
 * Open Exchange Rates' latest rates as a {@link RateSource} named
 * "openexchangerates". `appId` is a secret: it goes into the request only,
 * never into an error message or a log line. `url` defaults to
 * {@link OPEN_EXCHANGE_RATES_URL}.
 */
export function openExchangeRatesSource(
  options: { appId: string; url?: string } & FetchOptions,
): RateSource {
  const label = "Open Exchange Rates";
  const source = "openexchangerates";
  return {
    name: source,
    label,
    async fetch(signal) {
      const url = new URL(options.url ?? OPEN_EXCHANGE_RATES_URL);
      url.searchParams.set("app_id", options.appId);
      const body = await download(url.href, {
        signal,
        fetch: options.fetch,
        label,
        source,
        secret: options.appId,
      });
      return parseOpenExchangeRatesJson(body, source);
    },
  };
}

/**
 * GET `url` and return its body, mapping every failure to a
 * `RateFeedError` whose message names the feed but never the URL (it may
 * carry a secret, which is also scrubbed from the error text kept as cause).
 */
async function download(
  url: string,
  options: {
    signal: AbortSignal;
    fetch?: typeof fetch;
    label: string;
    source: string;
    secret?: string;
  },
): Promise<string> {
  const { label, source } = options;
  const scrub = (text: string) =>
    options.secret ? text.replaceAll(options.secret, "[redacted]") : text;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      signal: options.signal,
      headers: { accept: "application/xml, application/json;q=0.9, */*;q=0.1" },
    });
  } catch (error) {
    throw new RateFeedError(`The ${label} feed could not be reached`, {
      source,
      retryable: true,
      cause: new Error(
        scrub(error instanceof Error ? error.message : String(error)),
      ),
    });
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw new RateFeedError(`The ${label} feed's answer could not be read`, {
      source,
      retryable: true,
      status: response.status,
      cause: new Error(
        scrub(error instanceof Error ? error.message : String(error)),
      ),
    });
  }
  if (!response.ok) {
    throw new RateFeedError(
      `The ${label} feed answered HTTP ${response.status}${
        feedComplaint(body, scrub)
      }`,
      {
        source,
        status: response.status,
        retryable: response.status === 429 || response.status >= 500,
      },
    );
  }
  if (body.length > MAX_BODY_CHARS) {
    throw new RateFeedError(`The ${label} feed's answer is too large`, {
      source,
      retryable: false,
      status: response.status,
    });
  }
  return body;
}

/** OXR explains errors as `{ "message": "invalid_app_id" }`: keep that. */
function feedComplaint(body: string, scrub: (text: string) => string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === "string" && /^[\w .,'-]{1,80}$/.test(message)) {
      return ` (${scrub(message)})`;
    }
  } catch {
    // Not JSON: nothing to add.
  }
  return "";
}
