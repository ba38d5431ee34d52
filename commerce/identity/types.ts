/**
 * Types of the identity module's accounts, sessions and roles.
 *
 * @module
 */

/**
 * A role an account holds: every account is a `customer`; `admin` works the
 * dashboard; `super_admin` also grants roles.
 */
export type Role = "customer" | "admin" | "super_admin";

/**
 * Something a role allows, as `area:action`. {@link Role}s map to them in
 * `PERMISSIONS`; code asks `can(roles, permission)`, never for a role.
 */
export type Permission =
  | "catalog:read"
  | "catalog:write"
  | "orders:read"
  | "orders:write"
  | "customers:read"
  | "customers:write"
  | "reviews:moderate"
  | "localization:write"
  | "audit:read"
  | "roles:grant";

/** What a successful sign-in knows about the account. */
export interface AuthenticatedUser {
  id: string;
  /** The normalized (trimmed, lower-case) address. */
  email: string;
  name: string;
  /** Sorted; at least `customer` for an account made by `registerUser`. */
  roles: Role[];
  /** Whether the address was confirmed through a `verify_email` link. */
  emailVerified: boolean;
}

/**
 * What `registerUser` answers, the same whether the address was new or
 * already taken, so the answer never tells who has an account.
 */
export interface RegistrationResult {
  status: "pending_verification";
}

/**
 * A refresh token as handed to the client once: the token itself (only its
 * hash is stored), the session family it belongs to and when it expires.
 */
export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  expiresAt: Date;
}

/**
 * The outcome of a rotation: the next refresh token, plus the account and
 * its current roles for minting a fresh access token.
 */
export interface RotatedRefreshToken extends IssuedRefreshToken {
  userId: string;
  roles: Role[];
}
