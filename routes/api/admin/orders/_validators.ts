import { z } from "zod";
import { ORDER_STATUSES } from "../../../../commerce/orders/mod.ts";

const DAY_MS = 24 * 3600 * 1000;

// A day (`2026-03-01`, midnight UTC) or an instant with its offset.
const Instant = z.union([
  z.iso.date().transform((day) => ({ day: true, at: new Date(`${day}Z`) })),
  z.iso.datetime({ offset: true }).transform((v) => ({
    day: false,
    at: new Date(v),
  })),
]);

/**
 * `GET /api/admin/orders`. `status` takes one status or several, comma
 * separated; `from` is inclusive and `to` exclusive, except that a `to`
 * day includes that whole day (UTC).
 */
export const AdminOrderListQuery = z.object({
  status: z.string().max(200).transform((v) =>
    v.split(",").map((s) => s.trim())
  )
    .pipe(z.array(z.enum(ORDER_STATUSES)).min(1))
    .optional(),
  from: Instant.transform((v) => v.at).optional(),
  to: Instant.transform((v) => v.day ? new Date(v.at.getTime() + DAY_MS) : v.at)
    .optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code")
    .transform((v) => v.toUpperCase()).optional(),
  gateway: z.string().regex(/^[a-z0-9_]{1,50}$/).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 code")
    .transform((v) => v.toUpperCase()).optional(),
  q: z.string().trim().min(1).max(320).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(600).optional(),
}).strict().refine((v) => !v.from || !v.to || v.from < v.to, {
  message: "must be after `from`",
  path: ["to"],
});
/** `GET /api/admin/orders` (see the schema of the same name). */
export type AdminOrderListQuery = z.infer<typeof AdminOrderListQuery>;

const Note = z.string().trim().min(1).max(1000);

/**
 * `POST /api/admin/orders/{id}/transitions`: the status to move to;
 * shipping needs the carrier and tracking number (a tracking URL is
 * optional), the other moves take only a note.
 */
export const TransitionBody = z.discriminatedUnion("to", [
  z.object({
    to: z.literal("shipped"),
    carrier: z.string().trim().min(1).max(100)
      .regex(/^[^\p{Cc}]+$/u, "must not contain control characters"),
    trackingNumber: z.string().trim().min(1).max(100)
      .regex(
        /^[\x21-\x7E]([\x20-\x7E]*[\x21-\x7E])?$/,
        "must be printable ASCII",
      ),
    trackingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    note: Note.optional(),
  }).strict(),
  z.object({
    to: z.enum(["packed", "delivered", "cancelled"]),
    note: Note.optional(),
  }).strict(),
]);
/** `POST /api/admin/orders/{id}/transitions` (see the schema of the same name). */
export type TransitionBody = z.infer<typeof TransitionBody>;
