/**
 * What every dashboard page hands its layout: who is signed in and the
 * token of the sign-out form. Pages put it under `shell` in their data.
 *
 * @module
 */
import { getProfile } from "../../commerce/identity/mod.ts";
import type { Head, PageProps, PageState } from "../../edge/define.ts";
import type { AppContext } from "../../edge/env.ts";
import { csrfToken } from "../../edge/middleware/csrf.ts";

/** The dashboard shell's data. */
export interface AdminShell {
  /** The admin's name (their email when they gave none). */
  name: string;
  /** The CSRF token the sign-out form posts. */
  csrf: string;
  /** When the admin's access token expires (ms), for the session keeper. */
  sessionExpiresAt: number;
}

/** Data of a dashboard page: the shell's plus the page's own. */
export type AdminPageData<T> = T & { shell: AdminShell };

/** The shell of the signed-in admin (the middleware let only staff in). */
export async function adminShell(c: AppContext): Promise<AdminShell> {
  const user = c.var.user!;
  const profile = await getProfile(c.var.db.sql, user.id);
  return {
    name: profile.name || profile.email,
    csrf: csrfToken(c),
    sessionExpiresAt: (user.expiresAt ?? 0) * 1000,
  };
}

/** `/admin...` with `params` as the query (empty values left out). */
export function adminHref(
  path: string,
  params: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") query.set(name, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** A dashboard page's head: "<page> · Dashboard · <store>", never indexed. */
export function adminHead(state: PageState, page: string): Head {
  return {
    title: state.t("admin.meta", { page, store: state.storeName }),
    noindex: true,
  };
}

/** The `head` of a page titled by the translation of `key`. */
export function adminTitled(key: string): (props: PageProps) => Head {
  return ({ state }) => adminHead(state, state.t(key));
}
