import { z } from "zod";
import { LANGUAGES } from "../commerce/localization/mod.ts";
import type { RouteHandler } from "../edge/define.ts";
import { Forbidden, Invalid } from "../edge/errors.ts";
import { PreferencesBody, savePreferences } from "../edge/preferences.ts";

const FormBody = z.object({
  language: z.string().optional(),
  currency: z.string().optional(),
  // Only a path on this site: never an open redirect.
  return: z.string().regex(/^\/(?!\/)[^\s\\]*$/).default("/"),
});

/**
 * `POST /preferences`: the no-JavaScript picker form. Saves the choice and
 * sends the shopper back to the page they were on, under the new language
 * prefix when the language changed.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) {
      throw new Forbidden("Cross-site form posts are not accepted");
    }
    const form = FormBody.parse(Object.fromEntries(await c.req.formData()));
    const update = PreferencesBody.safeParse({
      language: form.language || undefined,
      currency: form.currency || undefined,
    });
    if (!update.success) throw new Invalid("Unsupported language or currency");
    const saved = savePreferences(c, update.data);
    const [, first, ...rest] = form.return.split("/");
    const target = (LANGUAGES as readonly string[]).includes(first)
      ? `/${saved.language}/${rest.join("/")}`
      : form.return;
    return c.redirect(target, 303);
  },
};
