import { changeDefaultLanguage } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { localizationDeps } from "../_deps.ts";
import { DefaultLanguageBody } from "../_validators.ts";

/**
 * `PUT /api/admin/localization/languages/default` (`localization:write`):
 * make an enabled language the default; 409 `language_disabled` otherwise.
 */
export const handler: { PUT: RouteHandler } = {
  async PUT(c) {
    const actor = staffActor(c, "localization:write");
    const body = await parseJson(c, DefaultLanguageBody);
    return c.json(
      await changeDefaultLanguage(localizationDeps(c), {
        code: body.code,
        actor,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
