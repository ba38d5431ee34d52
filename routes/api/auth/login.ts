import {
  authenticate,
  getProfile,
  InvalidCredentials,
  issueRefreshToken,
} from "../../../commerce/identity/mod.ts";
import { isLanguage } from "../../../commerce/localization/mod.ts";
import { savePreferences } from "../../../edge/preferences.ts";
import { startSession } from "../../../edge/auth/session.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import {
  accountKey,
  clearFailures,
  failureDelaySeconds,
  recordFailure,
  tooManyRequests,
} from "../../../edge/middleware/rate_limit.ts";
import { parseJson } from "../../../edge/validate.ts";
import { LoginBody } from "./_validators.ts";

/**
 * `POST /api/auth/login`: sign in with email and password. Repeated failures
 * slow that account down (429 with `Retry-After`), never lock it for good.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, LoginBody);
    const { cache, db } = c.var;
    const account = `login:${accountKey(body.email)}`;
    const wait = await failureDelaySeconds(cache, account).catch(() => 0);
    if (wait > 0) throw tooManyRequests(c, wait);
    let user;
    try {
      user = await authenticate(db.sql, body);
    } catch (error) {
      if (error instanceof InvalidCredentials) {
        await recordFailure(cache, account).catch(() => {});
      }
      throw error;
    }
    await clearFailures(cache, account).catch(() => {});
    const refresh = await issueRefreshToken(db.sql, {
      userId: user.id,
      userAgent: c.req.header("user-agent"),
    });
    const session = await startSession(c, {
      user,
      refresh,
      client: body.client,
    });
    if (body.client === "browser") {
      // The account's saved language and currency become this browser's
      // choice, which the edge's locale resolution reads.
      const profile = await getProfile(db.sql, user.id);
      savePreferences(c, {
        language: isLanguage(profile.preferredLanguage)
          ? profile.preferredLanguage
          : undefined,
        currency: profile.preferredCurrency &&
            c.var.config.CURRENCIES.includes(profile.preferredCurrency)
          ? profile.preferredCurrency
          : undefined,
      });
    }
    return c.json({ ...session, user });
  },
};
