import { readStores } from "../../commerce/catalog/mod.ts";
import {
  byPlace,
  positionFromHeaders,
  storeCards,
} from "../../components/stores/store_cards.ts";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";
import type { StoreCardView } from "../../islands/_StoreCard.tsx";
import StoreLocator from "../../islands/StoreLocator.tsx";

interface StoresData {
  stores: StoreCardView[];
  /** Whether the list is sorted by distance from the shopper's position. */
  nearby: boolean;
}

/**
 * `GET /{lang}/stores`: the store locator, nearest first when the edge
 * geolocated the shopper, else by country (named in the page's language)
 * and city.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { language, deps } = catalogRequest(c, {});
    const near = positionFromHeaders(c.req.raw.headers);
    const stores = await readStores(deps, { near, limit: 100 });
    return page.render(
      {
        stores: storeCards(
          near ? stores.value : byPlace(stores.value, language),
          {
            t: c.var.t,
            language,
            now: new Date(),
          },
        ),
        nearby: near !== undefined,
      } satisfies StoresData,
    );
  },
};

/** Title and description of the store locator. */
export function head({ state }: PageProps<StoresData>): Head {
  return {
    title: state.t("meta.storesTitle", { store: state.storeName }),
    description: state.t("meta.storesDescription", { store: state.storeName }),
  };
}

/** The store locator page. */
export default function StoresPage({ data, state }: PageProps<StoresData>) {
  const { t, locale } = state;
  return (
    <div class="mx-auto max-w-6xl px-4 py-10">
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] text-3xl font-extrabold tracking-tight text-gray-900 sm:text-4xl">
        {t("stores.title")}
      </h1>
      <p class="mt-3 max-w-2xl text-gray-600">
        {data.nearby ? t("stores.introNearby") : t("stores.intro")}
      </p>
      <div class="mt-6">
        <StoreLocator
          stores={data.stores}
          language={locale.language}
          labels={{
            hours: t("stores.hours"),
            map: t("stores.map"),
            useLocation: t("stores.useLocation"),
            locating: t("stores.locating"),
            sorted: t("stores.sorted"),
            denied: t("stores.denied"),
            failed: t("stores.failed"),
            unsupported: t("stores.unsupported"),
          }}
        />
      </div>
    </div>
  );
}
