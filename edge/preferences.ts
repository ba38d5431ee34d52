/**
 * The shopper's saved language and currency: validated and stored as
 * cookies, which the edge's resolution reads on every request.
 *
 * @module
 */
import { setCookie } from "hono/cookie";
import { z } from "zod";
import { LANGUAGES } from "../commerce/localization/mod.ts";
import type { AppContext } from "./env.ts";
import { Invalid } from "./errors.ts";
import { CURRENCY_COOKIE, LANGUAGE_COOKIE } from "./locale.ts";

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

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * Save a preferences update as cookies and return the choices now in force.
 * A currency the store does not sell answers 400.
 */
export function savePreferences(
  c: AppContext,
  update: PreferencesBody,
): { language: string; currency: string } {
  const { config, locale } = c.var;
  if (update.currency && !config.CURRENCIES.includes(update.currency)) {
    throw new Invalid(`The store does not sell in '${update.currency}'`, {
      code: "unsupported_currency",
      details: { supported: config.CURRENCIES },
    });
  }
  const secure = new URL(c.req.url).protocol === "https:";
  const options = {
    path: "/",
    maxAge: ONE_YEAR,
    sameSite: "Lax",
    httpOnly: true,
    secure,
  } as const;
  if (update.language) setCookie(c, LANGUAGE_COOKIE, update.language, options);
  if (update.currency) setCookie(c, CURRENCY_COOKIE, update.currency, options);
  return {
    language: update.language ?? locale.language,
    currency: update.currency ?? locale.currency,
  };
}
