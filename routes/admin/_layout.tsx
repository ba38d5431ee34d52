import type { LayoutConfig, LayoutProps } from "../../edge/define.ts";
import { CSRF_FIELD } from "../../edge/middleware/csrf.ts";
import SessionKeeper from "../../islands/SessionKeeper.tsx";
import type { AdminShell } from "./_shell.ts";

/** The dashboard has its own shell, not the storefront's. */
export const config: LayoutConfig = { skipInheritedLayouts: true };

const SECTIONS = [
  { href: "/admin", key: "admin.nav.overview" },
  { href: "/admin/orders", key: "admin.nav.orders" },
  { href: "/admin/products", key: "admin.nav.products" },
  { href: "/admin/categories", key: "admin.nav.categories" },
  { href: "/admin/customers", key: "admin.nav.customers" },
  { href: "/admin/reviews", key: "admin.nav.reviews" },
  { href: "/admin/localization", key: "admin.nav.localization" },
  { href: "/admin/audit", key: "admin.nav.audit" },
] as const;

/**
 * The dashboard shell: the store's name, the sections (a sidebar on wide
 * screens, a bar above the page on tablets and phones), who is signed in
 * and the sign-out button (the account page's form, no script needed).
 * The session keeper renews the admin's 15-minute access token while the
 * dashboard is open, so a long editing session does not end in a sign-in.
 */
export default function AdminLayout(
  { children, state, url, data }: LayoutProps,
) {
  const { t, locale } = state;
  const shell = (data as { shell?: AdminShell } | undefined)?.shell;
  const current = (href: string) =>
    href === "/admin"
      ? url.pathname.replace(/\/$/, "") === "/admin"
      : url.pathname === href || url.pathname.startsWith(`${href}/`);
  return (
    <div class="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased lg:flex">
      <a href="#main" class="sr-only focus:not-sr-only focus:p-2">
        {t("nav.skipToContent")}
      </a>
      {/* The aside spans the page's height; its content stays in view. */}
      <aside class="border-b border-gray-200 bg-gray-900 text-gray-100 lg:w-60 lg:shrink-0 lg:border-b-0">
        <div class="lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
          <div class="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 lg:block lg:px-5 lg:py-6">
            <a
              href="/admin"
              class="flex items-center gap-2 text-base font-bold tracking-tight text-white"
            >
              <span
                aria-hidden="true"
                class="inline-block h-7 w-7 rounded-lg bg-gradient-to-br from-indigo-500 to-pink-500"
              />
              <span>
                <span class="block leading-tight">{state.storeName}</span>
                <span class="block text-xs font-medium text-gray-400">
                  {t("admin.title")}
                </span>
              </span>
            </a>
            <nav
              aria-label={t("admin.nav.label")}
              class="flex flex-wrap gap-1 lg:mt-8 lg:flex-col lg:flex-nowrap"
            >
              {SECTIONS.map((section) => (
                <a
                  key={section.href}
                  href={section.href}
                  aria-current={current(section.href) ? "page" : undefined}
                  class="rounded-md px-3 py-2 text-sm font-medium text-gray-300 hover:bg-gray-800 hover:text-white aria-[current=page]:bg-gray-800 aria-[current=page]:text-white"
                >
                  {t(section.key)}
                </a>
              ))}
            </nav>
          </div>
          <div class="flex flex-wrap items-center gap-3 border-t border-gray-800 px-4 py-3 text-sm lg:mt-auto lg:block lg:px-5 lg:py-5">
            {shell && (
              <p class="text-gray-300">
                <span class="block text-xs text-gray-500">
                  {t("admin.signedInAs")}
                </span>
                <span data-testid="admin-name" class="font-medium text-white">
                  {shell.name}
                </span>
              </p>
            )}
            <a
              href={`/${locale.language}/`}
              class="text-gray-300 hover:text-white lg:mt-3 lg:block"
            >
              {t("admin.viewStore")}
            </a>
            {shell && (
              <form
                method="post"
                action={`/${locale.language}/account`}
                class="ml-auto rtl:ml-0 rtl:mr-auto lg:ml-0 lg:mt-3 lg:rtl:mr-0"
              >
                <input type="hidden" name={CSRF_FIELD} value={shell.csrf} />
                <button
                  type="submit"
                  name="intent"
                  value="signout"
                  data-testid="admin-signout"
                  class="rounded-md border border-gray-700 px-3 py-1.5 font-medium text-gray-200 hover:bg-gray-800"
                >
                  {t("admin.signOut")}
                </button>
              </form>
            )}
          </div>
        </div>
      </aside>
      <main id="main" class="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
      {shell && <SessionKeeper expiresAt={shell.sessionExpiresAt} />}
    </div>
  );
}
