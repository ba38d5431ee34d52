import {
  deletePriceListEntry,
  setPriceListEntry,
} from "../../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../../edge/define.ts";
import { parseJson } from "../../../../../../edge/validate.ts";
import { catalogWriter } from "../../_deps.ts";
import { CurrencyParam, PriceBody } from "../../_validators.ts";

/**
 * `PUT /api/admin/products/{id}/prices/{currency}`: set the product's
 * price-list entry in a sold currency. `DELETE`: remove it. Both answer the
 * entry beside the converted base price.
 */
export const handler: { PUT: RouteHandler; DELETE: RouteHandler } = {
  async PUT(c) {
    const deps = catalogWriter(c);
    const { currency } = CurrencyParam.parse(c.req.param());
    const { amount } = await parseJson(c, PriceBody);
    const productId = c.req.param("id") ?? "";
    return c.json(
      await setPriceListEntry(deps, { productId, currency, amount }),
    );
  },
  async DELETE(c) {
    const deps = catalogWriter(c);
    const { currency } = CurrencyParam.parse(c.req.param());
    const productId = c.req.param("id") ?? "";
    return c.json(await deletePriceListEntry(deps, { productId, currency }));
  },
};
