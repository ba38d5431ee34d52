import type { RouteHandler } from "../../edge/define.ts";
import { PreferencesBody, savePreferences } from "../../edge/preferences.ts";
import { parseJson } from "../../edge/validate.ts";

/** `PUT /api/preferences`: save the shopper's language and/or currency. */
export const handler: { PUT: RouteHandler } = {
  async PUT(c) {
    const body = await parseJson(c, PreferencesBody);
    return c.json(savePreferences(c, body));
  },
};
