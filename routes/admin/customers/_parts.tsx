/**
 * Pieces the customer list and detail pages share: an account's status
 * badge and its roles as chips. Not a route (the `_` keeps it out).
 *
 * @module
 */
import type { Role, UserStatus } from "../../../commerce/identity/mod.ts";
import {
  roleName,
  statusName,
} from "../../../components/admin/customers_labels.ts";
import type { Translate } from "../../../edge/i18n.ts";

/** An account's status as a coloured badge, translated. */
export function CustomerStatus(
  { status, t }: { status: UserStatus; t: Translate },
) {
  return (
    <span
      data-testid="customer-status"
      data-status={status}
      class="inline-flex w-fit items-center whitespace-nowrap rounded-full bg-gray-100 px-2.5 py-0.5 text-xs font-semibold text-gray-700 ring-1 ring-inset ring-gray-500/20 data-[status=active]:bg-emerald-50 data-[status=active]:text-emerald-700 data-[status=active]:ring-emerald-600/20 data-[status=disabled]:bg-rose-50 data-[status=disabled]:text-rose-700 data-[status=disabled]:ring-rose-600/20"
    >
      {statusName(t, status)}
    </span>
  );
}

// Spelled out per role: twind reads `_` in `data-[role=super_admin]` as a space.
const ROLE_TINTS: Record<Role, string> = {
  customer: "bg-gray-100 text-gray-700",
  admin: "bg-indigo-50 text-indigo-700",
  super_admin: "bg-purple-50 text-purple-700",
};

/** An account's roles, least powerful first, staff roles tinted. */
export function RoleChips({ roles, t }: { roles: Role[]; t: Translate }) {
  return (
    <ul class="flex flex-wrap gap-1" data-testid="customer-roles">
      {roles.map((role) => (
        <li
          key={role}
          data-role={role}
          class={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${
            ROLE_TINTS[role]
          }`}
        >
          {roleName(t, role)}
        </li>
      ))}
    </ul>
  );
}
