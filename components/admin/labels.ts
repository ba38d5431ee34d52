/**
 * The translated texts of the dashboard's islands, built on the server
 * (islands get their words as props).
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { AdminOrderActionsLabels } from "../../islands/AdminOrderActions.tsx";
import type { AdminProductEditorLabels } from "../../islands/AdminProductEditor.tsx";

/** The API errors the dashboard's forms explain, by code. */
export function apiErrors(t: Translate): Record<string, string> {
  return {
    validation_failed: t("admin.errors.validation"),
    invalid_amount: t("admin.errors.amount"),
    illegal_transition: t("admin.errors.illegalTransition"),
    shipment_required: t("admin.errors.validation"),
    order_not_payable: t("admin.errors.paymentMoving"),
    order_not_refundable: t("admin.errors.notRefundable"),
    refund_exceeds_captured: t("admin.errors.refundTooBig"),
    slug_taken: t("admin.errors.slugTaken"),
    default_copy_required: t("admin.errors.defaultCopy"),
    currency_not_sold: t("admin.errors.currency"),
    base_currency_price: t("admin.errors.currency"),
    not_found: t("admin.errors.notFound"),
    forbidden: t("admin.errors.forbidden"),
    unauthorized: t("admin.errors.signedOut"),
    csrf_failed: t("admin.errors.signedOut"),
    network: t("admin.errors.network"),
    failed: t("admin.errors.failed"),
  };
}

/** Texts of `AdminOrderActions`; `max` is what is left to refund, formatted. */
export function orderActionLabels(
  t: Translate,
  max: string,
): AdminOrderActionsLabels {
  return {
    title: t("admin.orders.actions.title"),
    pack: t("admin.orders.actions.pack"),
    deliver: t("admin.orders.actions.deliver"),
    cancel: t("admin.orders.actions.cancel"),
    cancelConfirm: t("admin.orders.actions.cancelConfirm"),
    shipTitle: t("admin.orders.actions.shipTitle"),
    carrier: t("admin.orders.actions.carrier"),
    trackingNumber: t("admin.orders.actions.trackingNumber"),
    trackingUrl: t("admin.orders.actions.trackingUrl"),
    optional: t("admin.optional"),
    ship: t("admin.orders.actions.ship"),
    refundTitle: t("admin.orders.actions.refundTitle"),
    refundHint: t("admin.orders.actions.refundHint", { amount: max }),
    amount: t("admin.orders.actions.amount"),
    reason: t("admin.orders.actions.reason"),
    refund: t("admin.orders.actions.refund"),
    refundConfirm: t("admin.orders.actions.refundConfirm"),
    working: t("admin.working"),
    none: t("admin.orders.actions.none"),
    invalid: {
      required: t("admin.invalid.required"),
      tooLong: t("admin.invalid.tooLong"),
      tracking: t("admin.invalid.tracking"),
      url: t("admin.invalid.url"),
      amount: t("admin.invalid.amount"),
      tooMuch: t("admin.invalid.tooMuch"),
    },
    errors: apiErrors(t),
  };
}

/** Texts of `AdminProductEditor`; prices are set in `baseCurrency`. */
export function productEditorLabels(
  t: Translate,
  baseCurrency: string,
): AdminProductEditorLabels {
  return {
    copyTitle: t("admin.product.copy"),
    languages: t("admin.product.languages"),
    missing: t("admin.product.missing"),
    defaultLanguage: t("admin.product.default"),
    name: t("admin.product.name"),
    description: t("admin.product.description"),
    pricingTitle: t("admin.product.pricing"),
    basePrice: t("admin.product.basePriceIn", { currency: baseCurrency }),
    currency: t("admin.overview.currency"),
    converted: t("admin.product.converted"),
    override: t("admin.product.override"),
    overrideHint: t("admin.product.overrideHint"),
    baseRow: t("admin.product.baseRow"),
    noRate: t("admin.product.noRate"),
    save: t("admin.save"),
    saving: t("admin.saving"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    invalid: {
      required: t("admin.invalid.required"),
      tooLong: t("admin.invalid.tooLong"),
      amount: t("admin.invalid.amount"),
      nameFirst: t("admin.invalid.nameFirst"),
      form: t("admin.invalid.form"),
    },
    errors: apiErrors(t),
  };
}
