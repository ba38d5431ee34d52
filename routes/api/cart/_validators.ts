import { z } from "zod";
import { MAX_LINE_QUANTITY } from "../../../commerce/cart/mod.ts";

const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

/** `POST /api/cart/items`. */
export const AddItemBody = z.object({
  variantId: z.uuid(),
  quantity: Quantity.default(1),
}).strict();
/** `POST /api/cart/items` (see the schema of the same name). */
export type AddItemBody = z.infer<typeof AddItemBody>;

/** `PATCH /api/cart/items/{itemId}`. */
export const UpdateItemBody = z.object({ quantity: Quantity }).strict();
/** `PATCH /api/cart/items/{itemId}` (see the schema of the same name). */
export type UpdateItemBody = z.infer<typeof UpdateItemBody>;
