/**
 * Request bodies of the `/api/users/...` routes that are not a commerce
 * module's own schema.
 *
 * @module
 */
import { z } from "zod";

/**
 * An address body: any JSON object. Its fields are checked by the address
 * book (`validateAddress`, `.strict()`), which answers every problem at
 * once, unknown fields included, as 400 `invalid_address` with messages in
 * the shopper's language.
 */
export const AddressBody = z.record(z.string(), z.unknown());
/** An address body before validation. */
export type AddressBody = z.infer<typeof AddressBody>;
