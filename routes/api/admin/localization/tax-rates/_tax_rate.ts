/**
 * The handlers of one tax rate, shared by its two paths: the whole
 * country (`/tax-rates/{country}`) and a region of it
 * (`/tax-rates/{country}/{region}`).
 *
 * @module
 */
import {
  deleteTaxRate,
  putTaxRate,
} from "../../../../../commerce/checkout/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { TaxRateBody, TaxRatePath } from "../_validators.ts";

/**
 * `PUT` (`localization:write`): create (201) or replace (200) the rate of
 * the path's country and region. `DELETE`: remove it (204; 404 when
 * there is none).
 */
export const taxRateHandler: { PUT: RouteHandler; DELETE: RouteHandler } = {
  async PUT(c) {
    const actor = staffActor(c, "localization:write");
    const path = TaxRatePath.parse(c.req.param());
    const body = await parseJson(c, TaxRateBody);
    const { rate, created } = await putTaxRate(c.var.db.sql, {
      rate: { ...path, ...body },
      actor,
    });
    return c.json(rate, created ? 201 : 200);
  },
  async DELETE(c) {
    const actor = staffActor(c, "localization:write");
    const path = TaxRatePath.parse(c.req.param());
    await deleteTaxRate(c.var.db.sql, { ...path, actor });
    return c.body(null, 204);
  },
};
