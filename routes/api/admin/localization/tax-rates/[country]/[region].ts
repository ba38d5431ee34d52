import { taxRateHandler } from "../_tax_rate.ts";

/**
 * `PUT|DELETE /api/admin/localization/tax-rates/{country}/{region}`: the
 * rate of a region of the country, e.g. a US state (see `_tax_rate.ts`).
 */
export const handler = taxRateHandler;
