/**
 * The identity module's error classes: conditions callers catch or the edge
 * maps to HTTP (through the shared vocabulary of `edge/errors.ts`). Messages
 * never say whether an account exists.
 *
 * @module
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  Conflict,
  Forbidden,
  Invalid,
  Unauthorized,
} from "../../edge/errors.ts";
import type { PasswordProblem } from "./passwords.ts";

/**
 * A sign-in with an unknown email, a wrong password or a deleted account:
 * 401 `invalid_credentials`, one message for all of them.
 */
export class InvalidCredentials extends Unauthorized {
  override readonly code: string = "invalid_credentials";

  constructor() {
    super("The email or password is not correct");
  }
}

/**
 * A refresh token that is malformed, unknown, expired or revoked, or whose
 * account is gone: 401 `invalid_refresh_token`. The client should drop it
 * and sign in again.
 */
export class InvalidRefreshToken extends Unauthorized {
  override readonly code: string = "invalid_refresh_token";

  constructor(message = "The session has ended; please sign in again") {
    super(message);
  }
}

/**
 * A refresh token presented again after it was rotated, the signature of a
 * stolen token: its whole family (every session token descending from the
 * same sign-in) has been revoked. 401 `refresh_token_reused`; a subclass of
 * {@link InvalidRefreshToken} so a caller that clears the cookie on one does
 * so on both.
 */
export class RefreshTokenReused extends InvalidRefreshToken {
  override readonly code: string = "refresh_token_reused";
  /** The family that was revoked (for logs, never sent to the client). */
  readonly familyId: string;

  constructor(familyId: string) {
    super("The session has ended; please sign in again");
    this.familyId = familyId;
  }
}

/**
 * A new password the policy refuses: 400 `weak_password` with the problem
 * codes of `checkPassword` in `details` (and `problems`) for the form to
 * translate.
 */
export class WeakPassword extends Invalid {
  /** Every problem found, in `checkPassword`'s fixed order. */
  readonly problems: readonly PasswordProblem[];

  constructor(problems: readonly PasswordProblem[]) {
    super("The password does not meet the password policy", {
      code: "weak_password",
      details: [...problems],
    });
    this.problems = problems;
  }
}

/** An address that is not an email address: 400 `invalid_email`. */
export class InvalidEmail extends Invalid {
  constructor() {
    super("The email address is not valid", { code: "invalid_email" });
  }
}

/**
 * An email link's token that is malformed, unknown, expired, already used,
 * or for an account that is gone: 400 `invalid_token`, one message for all
 * of them.
 */
export class InvalidEmailToken extends Invalid {
  constructor() {
    super("The link is invalid or has expired", { code: "invalid_token" });
  }
}

/**
 * A sign-in with the right password to an account an admin disabled: 403
 * `account_disabled`, so the owner learns why and whom to ask. Checked
 * only after the password, so it tells nothing to someone who does not
 * know it. A subclass of {@link InvalidCredentials}, so a sign-in form
 * that handles wrong credentials refuses this too (and counts it as a
 * failure).
 */
export class AccountDisabled extends InvalidCredentials {
  override readonly status: ContentfulStatusCode = 403;
  override readonly code: string = "account_disabled";

  constructor() {
    super();
    this.message =
      "This account has been disabled; please contact the store's support";
  }
}

/**
 * What a staff member may not do to an account whatever their permissions:
 * disable or enable themselves (`cannot_change_own_status`), disable a
 * super admin without being one (`cannot_disable_super_admin`), or take
 * away their own `super_admin` role (`cannot_remove_own_super_admin`).
 * 403 with that code.
 */
export class StaffActionRefused extends Forbidden {
  override readonly code: string;

  constructor(
    code:
      | "cannot_change_own_status"
      | "cannot_disable_super_admin"
      | "cannot_remove_own_super_admin",
    message: string,
  ) {
    super(message);
    this.code = code;
  }
}

/**
 * An action that needs an active account asked of a disabled one (a
 * password reset, which could not be used): 409 `account_disabled`.
 */
export class AccountNotActive extends Conflict {
  override readonly code: string = "account_disabled";

  constructor(message = "The account is disabled; enable it first") {
    super(message);
  }
}
