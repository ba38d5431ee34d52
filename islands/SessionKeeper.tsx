import { useEffect } from "preact/hooks";
import { lastRefresh, refreshSession } from "./_session.ts";

/** Renew this long (ms) before the access token expires. */
const AHEAD_MS = 2 * 60_000;

/**
 * Keeps the dashboard signed in while it is open and looked at: renews the
 * access token shortly before it expires (`expiresAt`, ms), and at once
 * when a tab comes back into view after its token ran out. A tab in the
 * background renews nothing; once the session is over (signed out,
 * disabled, 30 days) it stops and the next page asks to sign in. Draws
 * nothing.
 */
export default function SessionKeeper({ expiresAt }: { expiresAt: number }) {
  useEffect(() => {
    let expiry = Math.max(expiresAt, lastRefresh()?.expiresAt ?? 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let over = false;
    const visible = () => document.visibilityState === "visible";
    const schedule = () => {
      clearTimeout(timer);
      if (over) return;
      timer = setTimeout(
        renew,
        Math.max(5_000, expiry - Date.now() - AHEAD_MS),
      );
    };
    async function renew() {
      if (!visible()) return;
      const next = await refreshSession();
      if (next === null) {
        over = true;
        return;
      }
      expiry = next;
      schedule();
    }
    const onVisibility = () => {
      if (!visible() || over) return;
      expiry = Math.max(expiry, lastRefresh()?.expiresAt ?? 0);
      if (expiry - Date.now() < AHEAD_MS) renew();
      else schedule();
    };
    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, []);
  return null;
}
