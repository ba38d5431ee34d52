import type { Translate } from "../../../edge/i18n.ts";

const TABS = [
  { key: "general", href: "/admin/localization" },
  { key: "shipping", href: "/admin/localization/shipping" },
] as const;

/** Which of the localization pages is shown. */
export type LocalizationTab = typeof TABS[number]["key"];

/**
 * The localization pages' own sub-navigation: languages, currencies and
 * rates on one tab, shipping and taxes on the other (links, no script).
 */
export function LocalizationTabs(
  { t, current }: { t: Translate; current: LocalizationTab },
) {
  return (
    <nav
      aria-label={t("admin.localization.tabs.label")}
      class="mb-6 flex flex-wrap gap-1 border-b border-gray-200"
    >
      {TABS.map((tab) => (
        <a
          key={tab.key}
          href={tab.href}
          data-testid={`localization-tab-${tab.key}`}
          aria-current={tab.key === current ? "page" : undefined}
          class="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 hover:text-gray-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-700"
        >
          {t(`admin.localization.tabs.${tab.key}`)}
        </a>
      ))}
    </nav>
  );
}
