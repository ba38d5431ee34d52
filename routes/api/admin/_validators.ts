import { z } from "zod";

/** `POST /api/admin/orders/{id}/refunds`. */
export const RefundBody = z.object({
  // In the order's currency; all that is left when absent. Checked exactly
  // against the currency's decimals by the payments module.
  amount: z.string().regex(
    /^\d{1,15}(\.\d{1,4})?$/,
    "must be a decimal such as '12.50'",
  )
    .optional(),
  reason: z.string().trim().min(1).max(500),
}).strict();
/** `POST /api/admin/orders/{id}/refunds` (see the schema of the same name). */
export type RefundBody = z.infer<typeof RefundBody>;

/** `GET /api/admin/payments/reconciliation`. */
export const ReconciliationQuery = z.object({
  date: z.iso.date(),
  gateway: z.string().regex(/^[a-z0-9_]{1,50}$/).optional(),
}).strict();
/** `GET /api/admin/payments/reconciliation` (see the schema of the same name). */
export type ReconciliationQuery = z.infer<typeof ReconciliationQuery>;

/** `GET /api/admin/audit`. */
export const AuditQuery = z.object({
  entityType: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  entityId: z.string().min(1).max(200).optional(),
  actorId: z.uuid().optional(),
  action: z.string().regex(/^[a-z_]{1,40}(\.[a-z_]{1,40})?$/).optional(),
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v))
    .optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
}).strict();
/** `GET /api/admin/audit` (see the schema of the same name). */
export type AuditQuery = z.infer<typeof AuditQuery>;
