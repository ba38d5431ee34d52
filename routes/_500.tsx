import { ErrorMessage } from "../components/ErrorMessage.tsx";
import type { Head, PageProps } from "../edge/define.ts";

/** The error page's head: never indexed. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.errorTitle", { store: state.storeName }),
    noindex: true,
  };
}

/** The localized error page; shows the request id for support. */
export default function ServerError({ state }: PageProps) {
  const { t, locale } = state;
  return (
    <ErrorMessage
      status={500}
      title={t("serverError.title")}
      body={t("serverError.body", { requestId: state.requestId })}
      backLabel={t("serverError.back")}
      backHref={`/${locale.language}/`}
    />
  );
}
