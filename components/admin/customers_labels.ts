/**
 * The translated texts of the dashboard's customer pages: role and status
 * names, the preferred language as a table shows it, and the labels of the
 * `AdminCustomerActions` island (islands get their words as props).
 *
 * @module
 */
import {
  type Role,
  ROLES,
  type UserStatus,
} from "../../commerce/identity/mod.ts";
import {
  isLanguage,
  type Language,
  languageName,
} from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import type { AdminCustomerActionsLabels } from "../../islands/AdminCustomerActions.tsx";
import { apiErrors } from "./labels.ts";

/** A role's name in the admin's language ("Super admin"). */
export function roleName(t: Translate, role: Role): string {
  return t(`admin.customers.roleNames.${role}`);
}

/** An account status's name in the admin's language ("Disabled"). */
export function statusName(t: Translate, status: UserStatus): string {
  return t(`admin.customers.statuses.${status}`);
}

/**
 * A preferred language named in `display`, capitalized to stand alone in
 * a cell ("Französisch", "Français"); the code itself when the store does
 * not know it, `null` when none was chosen.
 */
export function preferredLanguageName(
  code: string | null,
  display: Language,
): string | null {
  if (!code) return null;
  if (!isLanguage(code)) return code;
  const name = languageName(code, display);
  return name.charAt(0).toLocaleUpperCase(display) + name.slice(1);
}

/**
 * Texts of `AdminCustomerActions` for the account at `email`; `minutes` is
 * how long a password-reset link works.
 */
export function customerActionLabels(
  t: Translate,
  options: { email: string; minutes: number },
): AdminCustomerActionsLabels {
  return {
    statusTitle: t("admin.customers.actions.statusTitle"),
    activeNote: t("admin.customers.actions.activeNote"),
    disabledNote: t("admin.customers.actions.disabledNote"),
    selfNote: t("admin.customers.actions.selfNote"),
    protectedNote: t("admin.customers.actions.protectedNote"),
    reason: t("admin.customers.actions.reason"),
    reasonHint: t("admin.customers.actions.reasonHint"),
    optional: t("admin.optional"),
    disable: t("admin.customers.actions.disable"),
    enable: t("admin.customers.actions.enable"),
    disableConfirm: t("admin.customers.actions.disableConfirm"),
    enableConfirm: t("admin.customers.actions.enableConfirm"),
    resetTitle: t("admin.customers.actions.resetTitle"),
    resetHint: t("admin.customers.actions.resetHint"),
    sendReset: t("admin.customers.actions.sendReset"),
    resetConfirm: t("admin.customers.actions.resetConfirm", {
      email: options.email,
    }),
    resetSent: t("admin.customers.actions.resetSent", {
      email: options.email,
      minutes: options.minutes,
    }),
    resetNeedsActive: t("admin.customers.actions.resetNeedsActive"),
    rolesTitle: t("admin.customers.actions.rolesTitle"),
    rolesHint: t("admin.customers.actions.rolesHint"),
    customerKept: t("admin.customers.actions.customerKept"),
    superConfirm: t("admin.customers.actions.superConfirm"),
    saveRoles: t("admin.customers.actions.saveRoles"),
    roleNames: Object.fromEntries(
      ROLES.map((role) => [role, roleName(t, role)]),
    ) as Record<Role, string>,
    roleHints: Object.fromEntries(
      ROLES.map((role) => [role, t(`admin.customers.roleHints.${role}`)]),
    ) as Record<Role, string>,
    saving: t("admin.saving"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    working: t("admin.working"),
    invalid: {
      tooLong: t("admin.invalid.tooLong"),
      ownSuperAdmin: t("admin.customers.invalid.ownSuperAdmin"),
      form: t("admin.invalid.form"),
    },
    errors: {
      ...apiErrors(t),
      cannot_change_own_status: t("admin.customers.errors.ownStatus"),
      cannot_disable_super_admin: t("admin.customers.errors.superAdmin"),
      cannot_remove_own_super_admin: t(
        "admin.customers.errors.ownSuperAdmin",
      ),
      account_disabled: t("admin.customers.errors.accountDisabled"),
      unknown_role: t("admin.customers.errors.unknownRole"),
    },
  };
}
