/**
 * Request parsing with zod. A failure throws, and the error middleware turns
 * it into the one 400 shape (`validation_failed` with the failing fields, or
 * `invalid_json`).
 *
 * @module
 */
import type { z } from "zod";
import type { AppContext } from "./env.ts";
import { Invalid } from "./errors.ts";

/** Parse and validate the JSON body of a request. */
export async function parseJson<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (cause) {
    throw new Invalid("The request body is not valid JSON", {
      code: "invalid_json",
      cause,
    });
  }
  return schema.parse(body);
}

/**
 * Like {@link parseJson}, but a request without a body (or not JSON at all,
 * as a browser's bodyless POST) validates `{}`: for endpoints whose fields
 * are all optional.
 */
export async function parseOptionalJson<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("json")) return schema.parse({});
  return await parseJson(c, schema);
}

/** Validate the query string of a request. */
export function parseQuery<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
): z.infer<Schema> {
  return schema.parse(c.req.query());
}
