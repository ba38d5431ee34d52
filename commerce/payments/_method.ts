/**
 * Reading a shopper's gateway-specific payment method input, the same way
 * for every adapter: nothing means the gateway's default, anything else
 * must match the adapter's schema or is a 400 `invalid_payment_method`
 * naming the failing fields.
 *
 * @module
 */
import type { z } from "zod";
import { InvalidPaymentMethod } from "./errors.ts";

/**
 * `input` checked by `schema`, or `fallback` when it is absent; throws
 * {@link InvalidPaymentMethod} with `message` and the failing fields.
 */
export function readMethod<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: { fallback: z.output<Schema>; message: string },
): z.output<Schema> {
  if (input === undefined || input === null) return options.fallback;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidPaymentMethod(options.message, {
    details: parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    })),
  });
}
