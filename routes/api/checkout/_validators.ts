import { z } from "zod";
import { ISO_COUNTRY_CODES } from "../../../commerce/identity/mod.ts";

const Country = z.string().trim().toUpperCase().refine(
  (code) => ISO_COUNTRY_CODES.has(code),
  "must be an ISO 3166-1 alpha-2 country code",
);

/** `POST /api/checkout/quote`: where the cart ships, and how. */
export const QuoteBody = z.object({
  country: Country,
  region: z.string().trim().max(100).optional(),
  shippingMethod: z.string().trim().min(1).max(50).optional(),
}).strict();
/** `POST /api/checkout/quote` (see the schema of the same name). */
export type QuoteBody = z.infer<typeof QuoteBody>;
