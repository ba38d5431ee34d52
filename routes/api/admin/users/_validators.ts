import { z } from "zod";
import { ROLES, USER_STATUSES } from "../../../../commerce/identity/mod.ts";

/** `GET /api/admin/users`. */
export const UserListQuery = z.object({
  // Blank is no search: a dashboard's empty search box sends `q=`.
  q: z.string().trim().max(200).optional()
    .transform((value) => value || undefined),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
}).strict();
/** `GET /api/admin/users` (see the schema of the same name). */
export type UserListQuery = z.infer<typeof UserListQuery>;

/** `GET /api/admin/users/{id}`: the page of the account's orders. */
export const UserDetailQuery = z.object({
  ordersLimit: z.coerce.number().int().min(1).max(100).default(20),
  ordersCursor: z.string().max(200).optional(),
}).strict();
/** `GET /api/admin/users/{id}` (see the schema of the same name). */
export type UserDetailQuery = z.infer<typeof UserDetailQuery>;

/** `POST /api/admin/users/{id}/disable` and `/enable`: an optional reason. */
export const UserStatusBody = z.object({
  reason: z.string().trim().min(1).max(500).optional(),
}).strict();
/** `POST /api/admin/users/{id}/disable` (see the schema of the same name). */
export type UserStatusBody = z.infer<typeof UserStatusBody>;

/** `PUT /api/admin/users/{id}/roles`: every role the account should hold. */
export const UserRolesBody = z.object({
  roles: z.array(z.enum(ROLES)).max(ROLES.length * 2),
}).strict();
/** `PUT /api/admin/users/{id}/roles` (see the schema of the same name). */
export type UserRolesBody = z.infer<typeof UserRolesBody>;

/** `POST /api/admin/users/{id}/password-reset`: no fields. */
export const PasswordResetBody = z.object({}).strict();
