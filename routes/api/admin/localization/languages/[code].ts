import { updateLanguage } from "../../../../../commerce/localization/admin/mod.ts";
import { isLanguage } from "../../../../../commerce/localization/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { NotFound } from "../../../../../edge/errors.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { localizationDeps } from "../_deps.ts";
import { LanguagePatch } from "../_validators.ts";

/**
 * `PATCH /api/admin/localization/languages/{code}` (`localization:write`):
 * enable or disable a language; 409 `default_language` for the default.
 */
export const handler: { PATCH: RouteHandler } = {
  async PATCH(c) {
    const actor = staffActor(c, "localization:write");
    const code = c.req.param("code") ?? "";
    if (!isLanguage(code)) throw new NotFound(`No language '${code}'`);
    const body = await parseJson(c, LanguagePatch);
    return c.json(
      await updateLanguage(localizationDeps(c), {
        code,
        enabled: body.enabled,
        actor,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
