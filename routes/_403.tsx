import { ErrorMessage } from "../components/ErrorMessage.tsx";
import type { Head, PageProps } from "../edge/define.ts";

/** The forbidden page's head: never indexed. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("admin.forbidden.meta", { store: state.storeName }),
    noindex: true,
  };
}

/**
 * The localized 403 page: someone signed in asked for a page their account
 * may not see (a customer opening the dashboard).
 */
export default function Forbidden({ state }: PageProps) {
  const { t, locale } = state;
  return (
    <ErrorMessage
      status={403}
      title={t("admin.forbidden.title")}
      body={t("admin.forbidden.body")}
      backLabel={t("admin.forbidden.back")}
      backHref={`/${locale.language}/`}
    />
  );
}
