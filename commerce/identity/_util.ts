/**
 * Private helpers of the identity module's account code.
 *
 * @module
 */
import { z } from "zod";
import { InvalidEmail } from "./errors.ts";

/**
 * An email address as accounts store it: NFC, trimmed, lower-cased, at
 * most 320 characters, with a dot in its domain. Unicode local parts and
 * domains are allowed (`jürgen@müller.de`).
 */
export const Email = z.string()
  .transform((value) => value.normalize("NFC"))
  .pipe(
    z.string().trim().toLowerCase().max(320)
      .pipe(z.email({ pattern: z.regexes.unicodeEmail }))
      .refine((value) => /@[^@]+\.[^@.]+$/.test(value), "must have a domain"),
  );

/** The normalized address, or `undefined` when it is not one. */
export function parseEmail(value: unknown): string | undefined {
  const result = Email.safeParse(value);
  return result.success ? result.data : undefined;
}

/** The normalized address; throws `InvalidEmail` when it is not one. */
export function requireEmail(value: unknown): string {
  const email = parseEmail(value);
  if (email === undefined) throw new InvalidEmail();
  return email;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in canonical text form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Whether a postgres.js error is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const { code, constraint_name } = (error ?? {}) as {
    code?: unknown;
    constraint_name?: unknown;
  };
  return code === "23505" && constraint_name === constraint;
}

/** `date` moved forward by `ms` milliseconds. */
export function later(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
