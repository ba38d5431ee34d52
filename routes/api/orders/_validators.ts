import { z } from "zod";

const AddressChoice = z.union([
  z.object({ addressId: z.uuid() }).strict(),
  // Checked field by field by the country's rules when the order is placed.
  z.object({ address: z.record(z.string(), z.unknown()) }).strict(),
]);

/** `POST /api/orders`: place the order of a quote. */
export const PlaceOrderBody = z.object({
  quoteId: z.uuid(),
  email: z.email().max(320).optional(),
  shipping: AddressChoice,
  billing: AddressChoice.optional(),
  shippingMethod: z.string().trim().min(1).max(50),
  gateway: z.string().trim().min(1).max(50),
}).strict();
/** `POST /api/orders` (see the schema of the same name). */
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

/** `GET /api/orders`. */
export const OrderListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
}).strict();
