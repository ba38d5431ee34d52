/**
 * The shopper's saved language and currency, and the dismissed geo banner:
 * validated and stored as cookies, which the edge's resolution reads on every
 * request. Serves both the JSON API (picker islands) and the no-JavaScript
 * form of static pages.
 *
 * @module
 */
import { setCookie } from "hono/cookie";
import { z } from "zod";
import { LANGUAGES } from "../commerce/localization/mod.ts";
import type { AppContext } from "./env.ts";
import { AppError, Forbidden, Invalid } from "./errors.ts";
import {
  CURRENCY_COOKIE,
  GEO_DISMISSED_COOKIE,
  LANGUAGE_COOKIE,
  languageOfPath,
} from "./locale.ts";
import { requestLocale } from "./middleware/locale.ts";
import { publicOrigin } from "./origin.ts";

/** The body of `PUT /api/preferences`. */
export const PreferencesBody = z.object({
  language: z.enum(LANGUAGES).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code")
    .optional(),
}).strict().refine(
  (body) => body.language !== undefined || body.currency !== undefined,
  "Give a language, a currency or both",
);
/** A validated preferences update. */
export type PreferencesBody = z.infer<typeof PreferencesBody>;

/** The fields of the no-JavaScript form posted to `/preferences`. */
export const PreferencesForm = z.object({
  language: z.enum(LANGUAGES).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  dismiss_geo: z.literal("1").optional(),
  // Only a path on this site (never an open redirect), in printable ASCII
  // (the page sends its percent-encoded pathname): anything else could not
  // be a Location header.
  return: z.string().regex(/^\/(?![/\\])[\x21-\x5B\x5D-\x7E]*$/).default("/"),
}).strict();
/** A validated form post. */
export type PreferencesForm = z.infer<typeof PreferencesForm>;

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * Save a preferences update as cookies and return the choices now in force
 * (a new language can change the currency too, when none was saved). A
 * currency the store does not sell, or a language it does not offer (both
 * as admins set them), answers 400.
 */
export function savePreferences(
  c: AppContext,
  update: PreferencesBody,
): { language: string; currency: string } {
  const { offered } = c.var;
  if (update.currency && !offered.currencies.includes(update.currency)) {
    throw new Invalid(`The store does not sell in '${update.currency}'`, {
      code: "unsupported_currency",
      details: { supported: offered.currencies },
    });
  }
  if (update.language && !offered.languages.includes(update.language)) {
    throw new Invalid(`The store is not offered in '${update.language}'`, {
      code: "unsupported_language",
      details: { supported: offered.languages },
    });
  }
  if (update.language) setPreferenceCookie(c, LANGUAGE_COOKIE, update.language);
  if (update.currency) setPreferenceCookie(c, CURRENCY_COOKIE, update.currency);
  const locale = requestLocale(c, {
    ...(update.language ? { cookieLanguage: update.language } : {}),
    ...(update.currency ? { cookieCurrency: update.currency } : {}),
  });
  return { language: locale.language, currency: locale.currency };
}

/**
 * Handle a post of the no-JavaScript form: check it comes from the store's
 * own pages, save what it asks and return where to send the shopper: the
 * page they were on, under the new language prefix when it changed.
 */
export async function submitPreferencesForm(c: AppContext): Promise<string> {
  const origin = c.req.header("origin");
  if (
    origin && origin !== publicOrigin(c) && origin !== new URL(c.req.url).origin
  ) {
    throw new Forbidden("Cross-site form posts are not accepted");
  }
  const form = PreferencesForm.parse(await readForm(c));
  if (form.dismiss_geo) setPreferenceCookie(c, GEO_DISMISSED_COOKIE, "1");
  // Both selects always post their value: save only what the shopper changed
  // from what the page showed, so an untouched currency is not pinned.
  const current = languageOfPath(form.return);
  const shown = requestLocale(c, { urlLanguage: current });
  const update = {
    language: form.language !== shown.language ? form.language : undefined,
    currency: form.currency !== shown.currency ? form.currency : undefined,
  };
  if (update.language || update.currency) savePreferences(c, update);
  // The URL decides the page's language: only a new choice changes it.
  const target = update.language ?? current;
  return current && target !== current
    ? form.return.replace(`/${current}`, `/${target}`)
    : form.return;
}

async function readForm(c: AppContext): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  if (
    !type.startsWith("application/x-www-form-urlencoded") &&
    !type.startsWith("multipart/form-data")
  ) {
    throw new AppError("Send the form as form data", {
      status: 415,
      code: "unsupported_media_type",
    });
  }
  let data: FormData;
  try {
    data = await c.req.formData();
  } catch (cause) {
    throw new Invalid("The form could not be read", { cause });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of data) {
    if (typeof value !== "string") {
      throw new Invalid("Files are not accepted here");
    }
    // Empty selects mean "unchanged".
    if (value !== "") fields[name] = value;
  }
  return fields;
}

function setPreferenceCookie(c: AppContext, name: string, value: string): void {
  const secure = publicOrigin(c).startsWith("https:") ||
    new URL(c.req.url).protocol === "https:";
  setCookie(c, name, value, {
    path: "/",
    maxAge: ONE_YEAR,
    sameSite: "Lax",
    httpOnly: true,
    secure,
  });
}
