import { ErrorMessage } from "../components/ErrorMessage.tsx";
import type { Head, PageProps } from "../edge/define.ts";

/** The not-found page's head: never indexed. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.notFoundTitle", { store: state.storeName }),
    noindex: true,
  };
}

/** The localized 404 page. */
export default function NotFound({ state }: PageProps) {
  const { t, locale } = state;
  return (
    <ErrorMessage
      status={404}
      title={t("notFound.title")}
      body={t("notFound.body")}
      backLabel={t("notFound.back")}
      backHref={`/${locale.language}/`}
    />
  );
}
