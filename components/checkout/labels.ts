/**
 * The texts and country data the checkout and payment islands receive,
 * translated on the server.
 *
 * @module
 */
import {
  addressFieldLabel,
  countryRule,
} from "../../commerce/identity/addresses/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import type {
  AddressLabels,
  CountryChoice,
} from "../../islands/_AddressFields.tsx";
import type { CardLabels } from "../../islands/_CardFields.tsx";
import type { TotalsLabels } from "../../islands/_Totals.tsx";
import type { CheckoutLabels } from "../../islands/Checkout.tsx";
import type { OrderPaymentLabels } from "../../islands/OrderPayment.tsx";
import type { StripeConfirmLabels } from "../../islands/StripeConfirm.tsx";
import { countryOptions } from "../account/countries.ts";
import { pluralForms } from "../cart/plural.ts";

/** The countries of the address form with their rules and field labels. */
export function countryChoices(
  t: Translate,
  language: Language,
): CountryChoice[] {
  return countryOptions(language).map(({ code, name }) => {
    const rule = countryRule(code);
    return {
      code,
      name,
      postalCode: rule.postalCode,
      region: rule.region,
      labels: {
        city: addressFieldLabel(t, "city", code),
        region: addressFieldLabel(t, "region", code),
        postalCode: addressFieldLabel(t, "postalCode", code),
      },
    };
  });
}

/** The address fields' labels that do not depend on the country. */
export function addressLabels(t: Translate): AddressLabels {
  return {
    name: addressFieldLabel(t, "name"),
    company: addressFieldLabel(t, "company"),
    line1: addressFieldLabel(t, "line1"),
    line2: addressFieldLabel(t, "line2"),
    phone: addressFieldLabel(t, "phone"),
    country: addressFieldLabel(t, "country"),
    chooseCountry: t("account.addresses.chooseCountry"),
    optional: t("checkout.optional"),
  };
}

/**
 * Left-to-right text isolated from its sentence: in Arabic, the groups of
 * a card number would otherwise be laid out right to left.
 */
function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

/** The card fields' texts, the test cards included. */
export function cardLabels(t: Translate): CardLabels {
  return {
    number: t("checkout.card.number"),
    expiry: t("checkout.card.expiry"),
    expiryPlaceholder: t("checkout.card.expiryPlaceholder"),
    cvc: t("checkout.card.cvc"),
    testHint: t("checkout.card.testHint", {
      success: ltr("4242 4242 4242 4242"),
      declined: ltr("4000 0000 0000 0002"),
      challenge: ltr("4000 0000 0000 3220"),
    }),
    invalidNumber: t("checkout.card.invalidNumber"),
    invalidExpiry: t("checkout.card.invalidExpiry"),
    invalidCvc: t("checkout.card.invalidCvc"),
  };
}

/** The totals' texts. */
export function totalsLabels(t: Translate): TotalsLabels {
  return {
    subtotal: t("checkout.totals.subtotal"),
    discount: t("checkout.totals.discount"),
    shipping: t("checkout.totals.shipping"),
    free: t("checkout.free"),
    taxAdded: t("checkout.totals.taxAdded"),
    tax: t("checkout.totals.tax"),
    taxIncluded: t("checkout.totals.taxIncluded"),
    total: t("checkout.totals.total"),
  };
}

/** Gateway names as shoppers see them, by gateway key. */
export function gatewayNames(t: Translate): Record<string, string> {
  return {
    test: t("checkout.gateways.test"),
    stripe: t("checkout.gateways.stripe"),
    paypal: t("checkout.gateways.paypal"),
    alipay: t("checkout.gateways.alipay"),
    wechat: t("checkout.gateways.wechat"),
  };
}

/** Why a payment did not go through, by gateway or API code. */
export function paymentFailures(t: Translate): Record<string, string> {
  return {
    card_declined: t("checkout.failures.cardDeclined"),
    expired_card: t("checkout.failures.expiredCard"),
    authentication_failed: t("checkout.failures.authenticationFailed"),
    invalid_card: t("checkout.card.invalidNumber"),
    gateway_error: t("checkout.failures.gatewayError"),
    gateway_unavailable: t("checkout.errors.gatewayUnavailable"),
    gateway_circuit_open: t("checkout.failures.circuitOpen"),
    gateway_refused: t("checkout.failures.refused"),
    // Stripe's decline codes
    generic_decline: t("checkout.failures.cardDeclined"),
    insufficient_funds: t("checkout.failures.cardDeclined"),
    do_not_honor: t("checkout.failures.cardDeclined"),
    incorrect_cvc: t("checkout.failures.cardDeclined"),
    payment_intent_authentication_failure: t(
      "checkout.failures.authenticationFailed",
    ),
    // PayPal
    INSTRUMENT_DECLINED: t("checkout.failures.instrumentDeclined"),
    // Alipay, WeChat Pay: the payment was closed before it was paid.
    trade_closed: t("checkout.failures.closed"),
    CLOSED: t("checkout.failures.closed"),
    // WeChat Pay
    PAYERROR: t("checkout.failures.payError"),
    order_not_payable: t("checkout.failures.notPayable"),
    network: t("checkout.errors.offline"),
    failed: t("checkout.failures.failed"),
  };
}

/** Every text of the checkout island. */
export function checkoutLabels(t: Translate): CheckoutLabels {
  return {
    contact: t("checkout.contact"),
    email: t("checkout.email"),
    haveAccount: t("checkout.haveAccount"),
    signIn: t("checkout.signIn"),
    signedInAs: t("checkout.signedInAs"),
    shippingAddress: t("checkout.shippingAddress"),
    savedAddresses: t("checkout.savedAddresses"),
    newAddress: t("checkout.newAddress"),
    billingSame: t("checkout.billingSame"),
    billingAddress: t("checkout.billingAddress"),
    shippingMethod: t("checkout.shippingMethod"),
    deliveryRange: t("checkout.deliveryRange"),
    deliveryDays: pluralForms(t, "checkout.deliveryDays"),
    free: t("checkout.free"),
    payment: t("checkout.payment"),
    gateways: gatewayNames(t),
    noGateway: t("checkout.noGateway"),
    summary: t("checkout.summary"),
    quantity: t("checkout.quantity"),
    updating: t("checkout.updating"),
    holdsUntil: t("checkout.holdsUntil"),
    changed: t("checkout.changed"),
    place: t("checkout.place"),
    confirm: t("checkout.confirm"),
    placing: t("checkout.placing"),
    paying: t("checkout.paying"),
    required: t("checkout.required"),
    invalidEmail: t("checkout.invalidEmail"),
    fixErrors: t("checkout.fixErrors"),
    backToCart: t("checkout.backToCart"),
    errors: {
      shipping_unavailable: t("checkout.errors.shippingUnavailable"),
      cart_not_ready: t("checkout.errors.cartNotReady"),
      cart_empty: t("checkout.errors.cartEmpty"),
      out_of_stock: t("checkout.errors.outOfStock"),
      gateway_unavailable: t("checkout.errors.gatewayUnavailable"),
      gateway_circuit_open: t("checkout.failures.circuitOpen"),
      quote_not_found: t("checkout.errors.quoteExpired"),
      rate_unavailable: t("checkout.errors.unavailable"),
      service_unavailable: t("checkout.errors.unavailable"),
      network: t("checkout.errors.offline"),
      failed: t("checkout.errors.failed"),
    },
    totals: totalsLabels(t),
    address: addressLabels(t),
    card: cardLabels(t),
  };
}

/** Every text of the order page's payment area. */
export function orderPaymentLabels(t: Translate): OrderPaymentLabels {
  return {
    awaitingTitle: t("orders.payment.awaitingTitle"),
    awaitingBody: t("orders.payment.awaitingBody"),
    processingTitle: t("orders.payment.processingTitle"),
    processingBody: t("orders.payment.processingBody"),
    slowBody: t("orders.payment.slowBody"),
    failedTitle: t("orders.payment.failedTitle"),
    actionBody: t("orders.payment.actionBody"),
    pay: t("orders.payment.pay"),
    restart: t("orders.payment.restart"),
    paying: t("checkout.paying"),
    failures: paymentFailures(t),
    card: cardLabels(t),
  };
}

/** The texts of Stripe's payment form on the order page; `total` formatted. */
export function stripeConfirmLabels(
  t: Translate,
  total: string,
): StripeConfirmLabels {
  return {
    title: t("checkout.stripe.title"),
    secure: t("checkout.stripe.secure"),
    pay: t("orders.payment.pay", { total }),
    paying: t("checkout.paying"),
    loading: t("checkout.stripe.loading"),
    unavailable: t("checkout.stripe.unavailable"),
    retry: t("checkout.stripe.retry"),
    failed: t("checkout.failures.failed"),
  };
}
