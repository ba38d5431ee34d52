/**
 * Keeping a browser signed in: the access token lives 15 minutes, and the
 * refresh token (an HttpOnly cookie sent only to `/api/auth`) trades for a
 * new one. The store revokes a whole session when a refresh token is used
 * twice, so refreshes are serialized across the tabs of the browser (Web
 * Locks), and a tab that waited skips its own when another tab has just
 * refreshed. Not an island itself.
 *
 * @module
 */

const LOCK = "store-session-refresh";
/** What the last refresh of any tab left: when, and the token's expiry. */
const LAST_REFRESH = "store.session.refresh";
/** A refresh this recent (ms) counts for every tab. */
const FRESH_MS = 30_000;

interface LastRefresh {
  /** When it happened (ms). */
  at: number;
  /** When the access token it got expires (ms). */
  expiresAt: number;
}

/** The last refresh any tab of this browser made, if it is known. */
export function lastRefresh(): LastRefresh | null {
  try {
    const value = JSON.parse(localStorage.getItem(LAST_REFRESH) ?? "null");
    return typeof value?.at === "number" &&
        typeof value?.expiresAt === "number"
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * Trade the refresh cookie for a new access token. Answers when the
 * browser's access token now expires (ms), from this call or from another
 * tab's a moment ago; `null` when the session is over (sign in again).
 */
export async function refreshSession(): Promise<number | null> {
  const run = async (): Promise<number | null> => {
    const last = lastRefresh();
    // Another tab refreshed a moment ago: its cookies are ours too.
    if (last && Date.now() - last.at < FRESH_MS) return last.expiresAt;
    try {
      const response = await fetch("/api/auth/refresh", {
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/json",
        },
        body: "{}",
        credentials: "same-origin",
      });
      if (!response.ok) return null;
      const body = await response.json() as { expiresIn?: number };
      const now = Date.now();
      const refreshed = {
        at: now,
        expiresAt: now + (body.expiresIn ?? 0) * 1000,
      };
      try {
        localStorage.setItem(LAST_REFRESH, JSON.stringify(refreshed));
      } catch { /* private mode: each tab keeps its own time */ }
      return refreshed.expiresAt;
    } catch {
      return null;
    }
  };
  return typeof navigator !== "undefined" && navigator.locks
    ? await navigator.locks.request(LOCK, run)
    : await run();
}
