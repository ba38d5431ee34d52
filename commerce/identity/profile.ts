/**
 * Profiles: what an account shows and lets its owner change about itself
 * (name, phone, language, currency, marketing consent). The email address
 * is not changed here: that needs a verification round trip of its own.
 *
 * @module
 */
import type postgres from "postgres";
import { z } from "zod";
import type { Sql } from "../../db/client.ts";
import { Invalid, NotFound } from "../../edge/errors.ts";
import { LANGUAGES } from "../localization/mod.ts";
import { rolesOf } from "./roles.ts";
import type { Role } from "./types.ts";
import { isUuid } from "./_util.ts";

/** An account as its owner (or an admin allowed `customers:read`) sees it. */
export interface Profile {
  id: string;
  /** The normalized (trimmed, lower-case) address. */
  email: string;
  emailVerified: boolean;
  name: string;
  phone: string | null;
  /** One of the store's languages, or null when never chosen. */
  preferredLanguage: string | null;
  /** An ISO 4217 code, or null when never chosen. */
  preferredCurrency: string | null;
  marketingConsent: boolean;
  /** Sorted from least to most powerful. */
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
}

const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 20;

function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, "").length;
  return /^\+?[\d\s()-]+$/.test(value) && digits >= MIN_PHONE_DIGITS &&
    digits <= MAX_PHONE_DIGITS;
}

/**
 * A change to a profile: every field optional, at least one given, unknown
 * fields refused. `phone`, `preferredLanguage` and `preferredCurrency` are
 * cleared with `null` (a blank phone too). Whether the store sells the
 * currency is checked by {@link updateProfile} against the list it is given.
 */
export const ProfilePatch = z.object({
  name: z.string().transform((value) => value.normalize("NFC"))
    .pipe(z.string().trim().min(1).max(200)),
  // Japanese keyboards type full-width digits and hyphens; NFKC folds them.
  phone: z.string().trim().max(40).nullable()
    .transform((value) => value ? value.normalize("NFKC") : null)
    .refine((value) => value === null || isPhone(value), {
      message:
        `Expected ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits, with only +, spaces, hyphens and parentheses`,
    }),
  preferredLanguage: z.enum(LANGUAGES).nullable(),
  preferredCurrency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code")
    .nullable(),
  marketingConsent: z.boolean(),
}).partial().strict().refine(
  (patch) => Object.values(patch).some((value) => value !== undefined),
  "Give at least one field to change",
);
/** A validated profile change. */
export type ProfilePatch = z.infer<typeof ProfilePatch>;

/**
 * The profile of an active account with its roles. Throws `NotFound` for an
 * unknown id and for a deleted account (deleted accounts are gone for the
 * API; only orders still refer to their id).
 */
export async function getProfile(sql: Sql, userId: string): Promise<Profile> {
  return await profileOf(sql, userId);
}

/** Internal: {@link getProfile} on any connection or transaction. */
export async function profileOf(
  sql: Sql | postgres.TransactionSql,
  userId: string,
): Promise<Profile> {
  if (!isUuid(userId)) throw new NotFound("No such account");
  const [row] = await sql<Omit<Profile, "roles">[]>`
    select id, email, email_verified_at is not null as "emailVerified",
      name, phone, preferred_language as "preferredLanguage",
      preferred_currency as "preferredCurrency",
      marketing_consent as "marketingConsent",
      created_at as "createdAt", updated_at as "updatedAt"
    from identity.users
    where id = ${userId} and status = 'active'`;
  if (row === undefined) throw new NotFound("No such account");
  return { ...row, roles: await rolesOf(sql, userId) };
}

/** What {@link updateProfile} needs. */
export interface UpdateProfileOptions {
  userId: string;
  /** The change; validated again with {@link ProfilePatch}. */
  patch: ProfilePatch;
  /**
   * The currencies the store sells: a `preferredCurrency` outside them is
   * refused with 400 `unsupported_currency`. Omitted, any ISO code passes.
   */
  currencies?: readonly string[];
}

/**
 * Changes the given fields of an active account's profile and answers the
 * whole profile afterwards. A patch that fails {@link ProfilePatch} throws
 * its `ZodError` (400 `validation_failed`); an unsold currency `Invalid`
 * (400 `unsupported_currency`); an unknown or deleted account `NotFound`.
 */
export async function updateProfile(
  sql: Sql,
  options: UpdateProfileOptions,
): Promise<Profile> {
  const { userId, currencies } = options;
  if (!isUuid(userId)) throw new NotFound("No such account");
  const patch = ProfilePatch.parse(options.patch);
  const currency = patch.preferredCurrency;
  if (currency && currencies && !currencies.includes(currency)) {
    throw new Invalid(`The store does not sell in '${currency}'`, {
      code: "unsupported_currency",
      details: { currency },
    });
  }
  const columns: Record<string, string | boolean | null> = {};
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.phone !== undefined) columns.phone = patch.phone;
  if (patch.preferredLanguage !== undefined) {
    columns.preferred_language = patch.preferredLanguage;
  }
  if (currency !== undefined) columns.preferred_currency = currency;
  if (patch.marketingConsent !== undefined) {
    columns.marketing_consent = patch.marketingConsent;
  }
  return await sql.begin(async (tx) => {
    const updated = await tx`
      update identity.users
      set ${tx(columns)}, updated_at = now()
      where id = ${userId} and status = 'active'
      returning id`;
    if (updated.length === 0) throw new NotFound("No such account");
    return await profileOf(tx, userId);
  });
}
