import type { RouteHandler } from "../edge/define.ts";
import { submitPreferencesForm } from "../edge/preferences.ts";

/**
 * `POST /preferences`: the no-JavaScript pickers and geo-banner dismissal of
 * static pages. Saves the choice and sends the shopper back (303).
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    return c.redirect(await submitPreferencesForm(c), 303);
  },
};
