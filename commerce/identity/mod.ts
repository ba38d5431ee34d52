/**
 * Identity: passwords and opaque tokens, the groundwork for accounts. Other
 * modules and routes import only this file.
 *
 * - Passwords are hashed with argon2id (`hashPassword`) into PHC strings that
 *   carry their own parameters; `verifyPassword` checks them without ever
 *   blocking the event loop for long, and `needsRehash` flags hashes made
 *   with weaker parameters than today's.
 * - `checkPassword` applies the password policy and answers problem codes
 *   for the caller to translate.
 * - Opaque tokens (`newOpaqueToken`) back refresh, email-verification and
 *   password-reset tokens; only their `hashToken` is stored.
 *
 * @module
 */
export {
  type Argon2idParams,
  checkPassword,
  hashPassword,
  needsRehash,
  PASSWORD_HASH_PARAMS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  type PasswordProblem,
  verifyPassword,
  verifyPasswordForUnknownUser,
} from "./passwords.ts";
export {
  hashToken,
  isOpaqueToken,
  newOpaqueToken,
  OPAQUE_TOKEN_BYTES,
  tokenMatches,
} from "./tokens.ts";
export {
  authenticate,
  type AuthenticateOptions,
  changePassword,
  type ChangePasswordOptions,
  PASSWORD_RESET_TTL_MINUTES,
  registerUser,
  type RegisterUserOptions,
  requestPasswordReset,
  type RequestPasswordResetOptions,
  resendVerification,
  type ResendVerificationOptions,
  resetPassword,
  type ResetPasswordOptions,
  VERIFY_EMAIL_TTL_HOURS,
  verifyEmail,
  type VerifyEmailOptions,
} from "./accounts.ts";
export {
  AccountDisabled,
  AccountNotActive,
  InvalidCredentials,
  InvalidEmail,
  InvalidEmailToken,
  InvalidRefreshToken,
  RefreshTokenReused,
  StaffActionRefused,
  WeakPassword,
} from "./errors.ts";
export {
  activeRoles,
  can,
  grantRole,
  type GrantRoleOptions,
  isRole,
  PERMISSIONS,
  ROLES,
  userRoles,
} from "./roles.ts";
export {
  issueRefreshToken,
  type IssueRefreshTokenOptions,
  REFRESH_TOKEN_TTL_DAYS,
  revokeAllSessions,
  revokeRefreshToken,
  revokeSession,
  rotateRefreshToken,
  type RotateRefreshTokenOptions,
} from "./sessions.ts";
export type * from "./types.ts";

/**
 * The access-token signing keys from `identity.signing_keys` (created on
 * first use): the newest signs, older unretired ones still verify.
 */
export { loadKeySet } from "./signing_keys.ts";

/**
 * Profiles: `getProfile` and `updateProfile` with the `ProfilePatch`
 * schema (name, phone, language, currency, marketing consent).
 */
export {
  getProfile,
  type Profile,
  ProfilePatch,
  updateProfile,
  type UpdateProfileOptions,
} from "./profile.ts";

/**
 * The address book: list, add, change and delete an account's shipping
 * and billing addresses, one default of each type; someone else's address
 * is `NotFound`, an invalid one `InvalidAddress` with localized messages.
 */
export {
  addAddress,
  type AddAddressOptions,
  AddressBookFull,
  addressesOf,
  type AddressProblem,
  type AddressRecord,
  deleteAddress,
  type DeleteAddressOptions,
  InvalidAddress,
  listAddresses,
  MAX_ADDRESSES,
  updateAddress,
  type UpdateAddressOptions,
} from "./address_book.ts";

/**
 * Address validation by country rules, for forms that take an address
 * without storing it (checkout): the normalized address or every problem.
 */
export {
  type Address,
  type AddressValidation,
  ISO_COUNTRY_CODES,
  validateAddress,
} from "./addresses/mod.ts";

/**
 * An account's data for its owner: `exportAccountData` (everything but
 * secrets) and `deleteAccount` (anonymise, keep the id for orders).
 */
export {
  type AccountExport,
  deleteAccount,
  exportAccountData,
  type SessionRecord,
} from "./account_data.ts";

/**
 * Hash passwords on worker threads while a store runs (`startStore` turns
 * it on and off), so sign-ins never compete with requests for the main
 * thread.
 */
export { startArgon2Pool, stopArgon2Pool } from "./_argon2_pool.ts";

/**
 * Accounts for the back office: `listUsers` (search, role and status
 * filters, cursor pages), `adminUserDetail` (profile, roles, status, last
 * sign-in, orders), `disableUser` / `enableUser` (a disabled account
 * cannot sign in and its sessions are revoked), `setUserRoles` (super
 * admins only; effective at the next token refresh) and
 * `sendPasswordReset`; each write is audited in its transaction.
 */
export {
  type AdminUser,
  adminUserDetail,
  type AdminUserDetailOptions,
  type AdminUserPage,
  type AdminUserSummary,
  disableUser,
  enableUser,
  listUsers,
  type PasswordResetSent,
  sendPasswordReset,
  type SendPasswordResetOptions,
  setUserRoles,
  type SetUserRolesOptions,
  USER_STATUSES,
  type UserFilter,
  type UserRolesChange,
  type UserStatus,
  type UserStatusChange,
  type UserStatusOptions,
} from "./admin_users.ts";
