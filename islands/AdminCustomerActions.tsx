import { useSignal } from "@preact/signals";
import type { Role } from "../commerce/identity/mod.ts";
import { callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";

/** The translated texts of {@link AdminCustomerActions}. */
export interface AdminCustomerActionsLabels {
  statusTitle: string;
  activeNote: string;
  disabledNote: string;
  /** Why one's own account offers no status change. */
  selfNote: string;
  /** Why an admin cannot disable a super admin. */
  protectedNote: string;
  reason: string;
  reasonHint: string;
  optional: string;
  disable: string;
  enable: string;
  disableConfirm: string;
  enableConfirm: string;
  resetTitle: string;
  resetHint: string;
  sendReset: string;
  resetConfirm: string;
  /** Shown once the email is queued. */
  resetSent: string;
  resetNeedsActive: string;
  rolesTitle: string;
  rolesHint: string;
  /** Beside `customer`, which every account keeps. */
  customerKept: string;
  /** Asked before granting `super_admin`. */
  superConfirm: string;
  saveRoles: string;
  roleNames: Record<Role, string>;
  roleHints: Record<Role, string>;
  saving: string;
  saved: string;
  unsaved: string;
  working: string;
  /** Inline validation messages. */
  invalid: { tooLong: string; ownSuperAdmin: string; form: string };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** Props of {@link AdminCustomerActions}. */
export interface AdminCustomerActionsProps {
  userId: string;
  status: "active" | "disabled";
  /** The roles the account holds, sorted. */
  roles: Role[];
  /** Every role, least powerful first. */
  allRoles: Role[];
  /** The admin may disable, enable and send resets (`customers:write`). */
  canWrite: boolean;
  /** The admin may set roles (`roles:grant`, super admins). */
  canGrant: boolean;
  /** The account is the admin's own. */
  self: boolean;
  /** A super admin's account, and the admin is not one. */
  protectedTarget: boolean;
  labels: AdminCustomerActionsLabels;
}

type Section = "status" | "reset" | "roles";

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-semibold text-gray-800 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400";
const PRIMARY =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const REASON_MAX = 500;

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/**
 * What staff do to an account: disable or enable it (with an optional
 * reason for the audit log, after a confirmation), email it a
 * password-reset link, and, for super admins, set its roles. Fields are
 * checked as they change; the server's answer (translated by its code,
 * with the server's own words beneath) shows in the section it concerns.
 * A status change reloads the page; leaving with unsaved roles or a typed
 * reason asks first.
 */
export default function AdminCustomerActions(props: AdminCustomerActionsProps) {
  const { labels } = props;
  const busy = useSignal<Section | null>(null);
  const failure = useSignal<
    { section: Section; summary: string; detail: string } | null
  >(null);
  const errors = useSignal<Record<string, string>>({});
  const reason = useSignal("");
  const sent = useSignal(false);
  const savedRoles = useSignal<Role[]>(props.roles);
  const roles = useSignal<Role[]>(props.roles);
  const rolesSaved = useSignal(false);

  const rolesDirty = () => !sameRoles(roles.value, savedRoles.value);
  const dirty = () => rolesDirty() || reason.value.trim() !== "";

  useUnsavedWarning(dirty);

  function setError(field: string, message: string) {
    const next = { ...errors.value };
    if (message) next[field] = message;
    else delete next[field];
    errors.value = next;
  }

  function checkReason(): boolean {
    const message = reason.value.trim().length > REASON_MAX
      ? labels.invalid.tooLong
      : "";
    setError("reason", message);
    return !message;
  }

  function checkRoles(next: readonly Role[]): boolean {
    const message = props.self && savedRoles.value.includes("super_admin") &&
        !next.includes("super_admin")
      ? labels.invalid.ownSuperAdmin
      : "";
    setError("roles", message);
    return !message;
  }

  function fail(section: Section, error: unknown) {
    failure.value = { section, ...failureText(error, labels.errors) };
    const fields = serverFieldErrors(error);
    const next = { ...errors.value };
    for (const [path, message] of Object.entries(fields)) {
      next[path.startsWith("roles") ? "roles" : path] = message;
    }
    errors.value = next;
  }

  async function changeStatus(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    if (!checkReason()) return;
    const to = props.status === "active" ? "disable" : "enable";
    if (
      !confirm(to === "disable" ? labels.disableConfirm : labels.enableConfirm)
    ) {
      return;
    }
    busy.value = "status";
    failure.value = null;
    const text = reason.value.trim();
    try {
      await callApi(
        "POST",
        `/api/admin/users/${props.userId}/${to}`,
        text ? { reason: text } : {},
      );
      // Nothing left unsaved to warn about: the page shows the new state.
      reason.value = "";
      roles.value = savedRoles.value;
      location.reload();
    } catch (error) {
      fail("status", error);
      busy.value = null;
    }
  }

  async function sendReset() {
    if (busy.value || !confirm(labels.resetConfirm)) return;
    busy.value = "reset";
    failure.value = null;
    sent.value = false;
    try {
      await callApi(
        "POST",
        `/api/admin/users/${props.userId}/password-reset`,
        {},
      );
      sent.value = true;
    } catch (error) {
      fail("reset", error);
    } finally {
      busy.value = null;
    }
  }

  function toggle(role: Role, on: boolean) {
    const next = props.allRoles.filter((r) =>
      r === role ? on : roles.value.includes(r)
    );
    roles.value = next;
    rolesSaved.value = false;
    checkRoles(next);
  }

  async function saveRoles(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    rolesSaved.value = false;
    if (!checkRoles(roles.value)) {
      failure.value = {
        section: "roles",
        summary: labels.invalid.form,
        detail: "",
      };
      return;
    }
    const granting = roles.value.includes("super_admin") &&
      !savedRoles.value.includes("super_admin");
    if (granting && !confirm(labels.superConfirm)) return;
    busy.value = "roles";
    failure.value = null;
    try {
      const change = await callApi<{ roles: Role[] }>(
        "PUT",
        `/api/admin/users/${props.userId}/roles`,
        { roles: roles.value },
      );
      savedRoles.value = change.roles;
      roles.value = change.roles;
      rolesSaved.value = true;
    } catch (error) {
      fail("roles", error);
    } finally {
      busy.value = null;
    }
  }

  const alert = (section: Section) => {
    const shown = failure.value?.section === section ? failure.value : null;
    return (
      <FailureAlert
        failure={shown}
        testId={`customer-${section}-error`}
      />
    );
  };

  const active = props.status === "active";
  const statusLocked = props.self || (active && props.protectedTarget);
  const isRolesDirty = rolesDirty();
  return (
    <div class="space-y-5" data-testid="customer-actions">
      {props.canWrite && (
        <form
          onSubmit={changeStatus}
          novalidate
          class="space-y-3"
          data-testid="customer-status-form"
        >
          <h3 class="text-sm font-bold text-gray-900">{labels.statusTitle}</h3>
          <p class="text-sm text-gray-600">
            {active ? labels.activeNote : labels.disabledNote}
          </p>
          {statusLocked
            ? (
              <p
                data-testid="customer-status-locked"
                class="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                {props.self ? labels.selfNote : labels.protectedNote}
              </p>
            )
            : (
              <>
                <div>
                  <label
                    for="customer-reason"
                    class="block text-sm font-medium text-gray-700"
                  >
                    {labels.reason}
                    <span class="font-normal text-gray-500">
                      {` ${labels.optional}`}
                    </span>
                  </label>
                  <textarea
                    id="customer-reason"
                    name="reason"
                    rows={2}
                    value={reason.value}
                    disabled={busy.value !== null}
                    aria-invalid={errors.value.reason ? "true" : undefined}
                    aria-describedby="customer-reason-hint customer-reason-error"
                    class={INPUT}
                    onInput={(event) => {
                      reason.value = (event.target as HTMLTextAreaElement)
                        .value;
                      if (errors.value.reason) checkReason();
                    }}
                    onBlur={checkReason}
                  />
                  <p
                    id="customer-reason-hint"
                    class="mt-1 text-xs text-gray-500"
                  >
                    {labels.reasonHint}
                  </p>
                  <FieldError
                    id="customer-reason"
                    error={errors.value.reason}
                  />
                </div>
                <button
                  type="submit"
                  data-testid={active ? "customer-disable" : "customer-enable"}
                  disabled={busy.value !== null}
                  class={active ? `${SECONDARY} text-rose-700` : PRIMARY}
                >
                  {busy.value === "status"
                    ? labels.working
                    : active
                    ? labels.disable
                    : labels.enable}
                </button>
              </>
            )}
          {alert("status")}
        </form>
      )}

      {props.canWrite && (
        <section
          class="space-y-3 border-t border-gray-100 pt-4"
          data-testid="customer-reset"
        >
          <h3 class="text-sm font-bold text-gray-900">{labels.resetTitle}</h3>
          {active
            ? (
              <>
                <p class="text-sm text-gray-600">{labels.resetHint}</p>
                <button
                  type="button"
                  data-testid="customer-send-reset"
                  disabled={busy.value !== null}
                  onClick={sendReset}
                  class={SECONDARY}
                >
                  {busy.value === "reset" ? labels.working : labels.sendReset}
                </button>
                <p
                  role="status"
                  hidden={!sent.value}
                  data-testid="customer-reset-sent"
                  class="text-sm text-emerald-700"
                >
                  {labels.resetSent}
                </p>
              </>
            )
            : <p class="text-sm text-gray-600">{labels.resetNeedsActive}</p>}
          {alert("reset")}
        </section>
      )}

      {props.canGrant && (
        <form
          onSubmit={saveRoles}
          novalidate
          class={`space-y-3 ${
            props.canWrite ? "border-t border-gray-100 pt-4" : ""
          }`}
          data-testid="customer-roles-editor"
        >
          <fieldset
            aria-describedby="customer-roles-hint customer-roles-error"
            aria-invalid={errors.value.roles ? "true" : undefined}
          >
            <legend class="text-sm font-bold text-gray-900">
              {labels.rolesTitle}
            </legend>
            <p id="customer-roles-hint" class="mt-1 text-xs text-gray-500">
              {labels.rolesHint}
            </p>
            <ul class="mt-3 space-y-2">
              {props.allRoles.map((role) => {
                const kept = role === "customer";
                const id = `customer-role-${role}`;
                return (
                  <li key={role} class="flex items-start gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      name="roles"
                      value={role}
                      checked={kept || roles.value.includes(role)}
                      disabled={kept || busy.value !== null}
                      onChange={(event) =>
                        toggle(
                          role,
                          (event.target as HTMLInputElement).checked,
                        )}
                      class="mt-0.5 h-4 w-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-500"
                    />
                    <label for={id} class="text-sm">
                      <span class="font-medium text-gray-900">
                        {labels.roleNames[role]}
                      </span>
                      <span class="block text-xs text-gray-500">
                        {kept ? labels.customerKept : labels.roleHints[role]}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            <FieldError id="customer-roles" error={errors.value.roles} />
          </fieldset>
          <div class="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              data-testid="customer-save-roles"
              disabled={busy.value !== null}
              class={PRIMARY}
            >
              {busy.value === "roles" ? labels.saving : labels.saveRoles}
            </button>
            <p
              role="status"
              class="text-sm"
              data-testid="customer-roles-status"
            >
              <span
                hidden={!rolesSaved.value || isRolesDirty}
                class="text-emerald-700"
              >
                {labels.saved}
              </span>
              <span hidden={!isRolesDirty} class="text-amber-700">
                {labels.unsaved}
              </span>
            </p>
          </div>
          {alert("roles")}
        </form>
      )}
    </div>
  );
}
