import { taxRateHandler } from "../_tax_rate.ts";

/**
 * `PUT|DELETE /api/admin/localization/tax-rates/{country}`: the
 * country-wide rate (see `_tax_rate.ts`).
 */
export const handler = taxRateHandler;
