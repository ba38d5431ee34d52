import type { Head, PageProps } from "../../edge/define.ts";

/** About is static: no islands, so no `<script>` (pickers become a form). */
export const staticPage = true;

const SECTIONS = ["shipping", "pricing", "contact"] as const;

/** Title and description of the about page. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.aboutTitle", { store: state.storeName }),
    description: state.t("meta.aboutDescription"),
  };
}

/** About the store: a static page with no islands of its own. */
export default function About({ state }: PageProps) {
  const { t } = state;
  return (
    <article class="mx-auto max-w-3xl px-4 py-14">
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] text-4xl font-extrabold tracking-tight">
        {t("about.title")}
      </h1>
      <p class="mt-6 text-lg text-gray-700">{t("about.intro")}</p>
      {SECTIONS.map((key) => (
        <section key={key} class="mt-10">
          <h2 class="text-xl font-bold">{t(`about.${key}Title`)}</h2>
          <p class="mt-3 text-gray-700">{t(`about.${key}Body`)}</p>
        </section>
      ))}
    </article>
  );
}
