/**
 * The translated words of the audit log and review moderation pages: what
 * each audited action and entity is called, and the texts of the review
 * moderation island (islands get their words as props).
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { AdminReviewModerationLabels } from "../../islands/AdminReviewModeration.tsx";
import { apiErrors } from "./labels.ts";

/**
 * The actions admin writes record, by area (`order.ship` is the area
 * `order`, the verb `ship`), in the order the audit filter offers them.
 * An action missing here still shows, by its code.
 */
export const AUDIT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  order: ["pack", "ship", "deliver", "cancel", "refund"],
  product: ["create", "update", "archive", "import"],
  price: ["set", "delete"],
  variant: ["create", "update"],
  stock: ["adjust"],
  category: ["create", "update", "delete"],
  review: ["approve", "reject"],
  user: ["disable", "enable", "roles", "password_reset"],
  media: ["upload"],
  shipping_zone: ["create", "update", "delete"],
  tax_rate: ["put", "delete"],
  currency: ["update"],
  exchange_rate: ["override", "clear_override", "update", "override_expired"],
  language: ["set_default"],
};

/** The kinds of entity admin writes touch, as the audit filter offers them. */
export const AUDIT_ENTITIES: readonly string[] = [
  "order",
  "product",
  "variant",
  "category",
  "review",
  "user",
  "media",
  "product_import",
  "shipping_zone",
  "tax_rate",
  "currency",
  "exchange_rate",
  "language",
];

// Areas and entities share one set of names.
const KINDS = new Set([...Object.keys(AUDIT_ACTIONS), ...AUDIT_ENTITIES]);

/** What an entity kind or action area is called ("Order"), else its code. */
export function auditKindName(t: Translate, kind: string): string {
  return KINDS.has(kind) ? t(`admin.audit.kinds.${kind}`) : kind;
}

/** What an action is called ("Order shipped"), else its code. */
export function auditActionName(t: Translate, action: string): string {
  const [area, verb] = action.split(".");
  return AUDIT_ACTIONS[area]?.includes(verb)
    ? t(`admin.audit.actions.${area}.${verb}`)
    : action;
}

/** Texts of `AdminReviewModeration`. */
export function reviewModerationLabels(
  t: Translate,
): AdminReviewModerationLabels {
  return {
    approve: t("admin.reviews.approve"),
    reject: t("admin.reviews.reject"),
    reason: t("admin.reviews.reason"),
    optional: t("admin.optional"),
    reasonHint: t("admin.reviews.reasonHint"),
    confirmReject: t("admin.reviews.confirmReject"),
    cancel: t("admin.reviews.cancel"),
    working: t("admin.working"),
    statuses: {
      pending: t("admin.reviews.statuses.pending"),
      approved: t("admin.reviews.statuses.approved"),
      rejected: t("admin.reviews.statuses.rejected"),
    },
    done: {
      approved: t("admin.reviews.done.approved"),
      rejected: t("admin.reviews.done.rejected"),
    },
    note: t("admin.reviews.note"),
    invalid: { tooLong: t("admin.invalid.tooLong") },
    errors: apiErrors(t),
  };
}
