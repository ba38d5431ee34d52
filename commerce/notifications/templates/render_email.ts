/**
 * `renderEmail`: an outbox row to the subject, HTML and plain text of its
 * email, in the recipient's language.
 *
 * @module
 */
import type { z } from "zod";
import { translator } from "../../../edge/i18n.ts";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  textDirection,
} from "../../localization/mod.ts";
import { formatMoney, type Money } from "../../pricing/mod.ts";
import type { RenderedEmail } from "../types.ts";
import { type Block, renderHtml, renderText } from "./_layout.ts";
import { InvalidPayloadError, UnknownTemplateError } from "./errors.ts";
import { EMAIL_PAYLOADS, type EmailKind, isEmailKind } from "./schemas.ts";

/** What {@link renderEmail} needs of an outbox row. */
export interface EmailRow {
  kind: string;
  language: string;
  payload: unknown;
}

/** How {@link renderEmail} renders. */
export interface RenderEmailOptions {
  /** The store's name in the header, texts and footer (default "Globex Store"). */
  storeName?: string;
}

/** The store name when none is configured. */
export const DEFAULT_STORE_NAME = "Globex Store";

/**
 * Render a notification as an email: validate its payload against the
 * kind's schema, then write subject, HTML and plain text in the row's
 * language (a regional tag such as `de-AT` uses `de`; any other unknown
 * language falls back to English), with money and dates formatted for that
 * language (dates in UTC). Throws {@link UnknownTemplateError} for a kind
 * without a template and {@link InvalidPayloadError} for a payload that does
 * not fit; both make the outbox mark the row failed. Use it as the outbox's
 * `render`: `deliverDue(sql, { provider, render: (row) => renderEmail(row) })`.
 */
export function renderEmail(
  row: EmailRow,
  options: RenderEmailOptions = {},
): RenderedEmail {
  if (!isEmailKind(row.kind)) throw new UnknownTemplateError(row.kind);
  const language = emailLanguage(row.language);
  const context = createContext(
    language,
    options.storeName ?? DEFAULT_STORE_NAME,
  );
  // TypeScript cannot correlate the kind of the template with the kind of
  // the payload across the union; both are picked by the same `row.kind`.
  const content = TEMPLATES[row.kind](
    parsePayload(row.kind, row.payload) as never,
    context,
  );
  const { t, store } = context;
  const doc = {
    language,
    dir: textDirection(language),
    storeName: store,
    subject: content.subject,
    preheader: content.preheader,
    blocks: [
      { type: "heading", text: content.heading },
      {
        type: "paragraph",
        text: t("email.common.greeting", { name: content.name }),
      },
      ...content.blocks,
      { type: "paragraph", text: t("email.common.signature", { store }) },
    ] satisfies Block[],
    buttonFallback: t("email.common.buttonFallback"),
    footer: t("email.common.footer", { store }),
  };
  return {
    subject: content.subject,
    html: renderHtml(doc),
    text: renderText(doc),
  };
}

/** The store language an email is written in. */
function emailLanguage(requested: string): Language {
  const code = requested.trim().toLowerCase();
  if (isLanguage(code)) return code;
  const primary = code.split(/[-_]/)[0];
  return isLanguage(primary) ? primary : DEFAULT_LANGUAGE;
}

type Payload<K extends EmailKind> = z.output<(typeof EMAIL_PAYLOADS)[K]>;

function parsePayload<K extends EmailKind>(
  kind: K,
  payload: unknown,
): Payload<K> {
  const result = EMAIL_PAYLOADS[kind].safeParse(payload);
  if (!result.success) throw new InvalidPayloadError(kind, result.error);
  return result.data as Payload<K>;
}

interface Context {
  t: (key: string, values?: Record<string, string | number>) => string;
  store: string;
  money: (money: Money) => string;
  date: (date: Date) => string;
}

function createContext(language: Language, store: string): Context {
  const translate = translator(language);
  const dates = new Intl.DateTimeFormat(language, {
    dateStyle: "long",
    timeZone: "UTC",
  });
  return {
    // i18next answers a missing key with the key itself; an email showing
    // "email.common.total" must fail, not go out.
    t(key, values) {
      const text = translate(key, values);
      if (text === key) {
        throw new Error(`The translation '${key}' is missing`);
      }
      return text;
    },
    store,
    money: (money) => formatMoney(money, language),
    date: (date) => dates.format(date),
  };
}

interface Content {
  subject: string;
  preheader: string;
  /** Whom the greeting addresses. */
  name: string;
  heading: string;
  blocks: Block[];
}

type Template<K extends EmailKind> = (
  payload: Payload<K>,
  context: Context,
) => Content;

const TEMPLATES: { [K in EmailKind]: Template<K> } = {
  verify_email: verifyEmail,
  password_reset: passwordReset,
  welcome,
  order_placed: orderPlaced,
  order_paid: orderPaid,
  order_shipped: orderShipped,
  order_cancelled: orderCancelled,
  order_refunded: orderRefunded,
  low_stock: lowStock,
};

function verifyEmail(
  payload: z.output<typeof EMAIL_PAYLOADS.verify_email>,
  { t, store }: Context,
): Content {
  const intro = t("email.verifyEmail.intro", { store });
  return {
    subject: t("email.verifyEmail.subject"),
    preheader: intro,
    name: payload.name,
    heading: t("email.verifyEmail.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "button",
        label: t("email.verifyEmail.action"),
        url: payload.url,
      },
      {
        type: "note",
        text: t("email.verifyEmail.expiry", { count: payload.expiresInHours }),
      },
      { type: "note", text: t("email.verifyEmail.ignore", { store }) },
    ],
  };
}

function passwordReset(
  payload: z.output<typeof EMAIL_PAYLOADS.password_reset>,
  { t, store }: Context,
): Content {
  const intro = t("email.passwordReset.intro", { store });
  return {
    subject: t("email.passwordReset.subject"),
    preheader: intro,
    name: payload.name,
    heading: t("email.passwordReset.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "button",
        label: t("email.passwordReset.action"),
        url: payload.url,
      },
      {
        type: "note",
        text: t("email.passwordReset.expiry", {
          count: payload.expiresInMinutes,
        }),
      },
      { type: "note", text: t("email.passwordReset.ignore") },
    ],
  };
}

function welcome(
  payload: z.output<typeof EMAIL_PAYLOADS.welcome>,
  { t, store }: Context,
): Content {
  const intro = t("email.welcome.intro");
  return {
    subject: t("email.welcome.subject", { store }),
    preheader: intro,
    name: payload.name,
    heading: t("email.welcome.heading", { store }),
    blocks: [
      { type: "paragraph", text: intro },
      { type: "paragraph", text: t("email.welcome.perks") },
      {
        type: "button",
        label: t("email.welcome.action"),
        url: payload.shopUrl,
      },
    ],
  };
}

function orderPlaced(
  payload: z.output<typeof EMAIL_PAYLOADS.order_placed>,
  { t, money, date }: Context,
): Content {
  const { orderNumber } = payload;
  const intro = t("email.orderPlaced.intro", { orderNumber });
  const count = payload.lines.reduce((sum, line) => sum + line.quantity, 0);
  return {
    subject: t("email.orderPlaced.subject", { orderNumber }),
    preheader: intro,
    name: payload.name,
    heading: t("email.orderPlaced.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "facts",
        rows: [
          { label: t("email.common.orderNumber"), value: orderNumber },
          { label: t("email.common.orderDate"), value: date(payload.placedAt) },
        ],
      },
      {
        type: "lines",
        title: t("email.orderPlaced.summary"),
        count: t("email.orderPlaced.itemCount", { count }),
        items: payload.lines.map((line) => ({
          name: line.name,
          detail: t("email.orderPlaced.lineDetail", {
            quantity: line.quantity,
            price: money(line.unitPrice),
          }),
          // Exact: integer minor units times a whole quantity.
          amount: money({
            amount: line.unitPrice.amount * BigInt(line.quantity),
            currency: line.unitPrice.currency,
          }),
        })),
        total: { label: t("email.common.total"), amount: money(payload.total) },
      },
      {
        type: "button",
        label: t("email.common.viewOrder"),
        url: payload.orderUrl,
      },
    ],
  };
}

function orderPaid(
  payload: z.output<typeof EMAIL_PAYLOADS.order_paid>,
  { t, money, date }: Context,
): Content {
  const { orderNumber } = payload;
  const total = money(payload.total);
  const intro = t("email.orderPaid.intro", { orderNumber, total });
  return {
    subject: t("email.orderPaid.subject", { orderNumber }),
    preheader: intro,
    name: payload.name,
    heading: t("email.orderPaid.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "facts",
        rows: [
          { label: t("email.common.orderNumber"), value: orderNumber },
          { label: t("email.common.paymentDate"), value: date(payload.paidAt) },
          { label: t("email.common.total"), value: total },
        ],
      },
      {
        type: "button",
        label: t("email.common.viewOrder"),
        url: payload.orderUrl,
      },
    ],
  };
}

function orderShipped(
  payload: z.output<typeof EMAIL_PAYLOADS.order_shipped>,
  { t, date }: Context,
): Content {
  const { orderNumber, carrier, trackingUrl } = payload;
  const intro = t("email.orderShipped.intro", { orderNumber });
  const rows = [
    { label: t("email.common.orderNumber"), value: orderNumber },
    { label: t("email.common.shippingDate"), value: date(payload.shippedAt) },
  ];
  if (carrier) rows.push({ label: t("email.common.carrier"), value: carrier });
  const viewOrder = t("email.common.viewOrder");
  return {
    subject: t("email.orderShipped.subject", { orderNumber }),
    preheader: intro,
    name: payload.name,
    heading: t("email.orderShipped.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      { type: "facts", rows },
      ...(trackingUrl
        ? [
          {
            type: "button",
            label: t("email.orderShipped.track"),
            url: trackingUrl,
          } as const,
          { type: "link", label: viewOrder, url: payload.orderUrl } as const,
        ]
        : [
          { type: "button", label: viewOrder, url: payload.orderUrl } as const,
        ]),
    ],
  };
}

function orderCancelled(
  payload: z.output<typeof EMAIL_PAYLOADS.order_cancelled>,
  { t, money, date }: Context,
): Content {
  const { orderNumber, reason } = payload;
  const intro = t(`email.orderCancelled.reason.${reason}`, { orderNumber });
  return {
    subject: t("email.orderCancelled.subject", { orderNumber }),
    preheader: intro,
    name: payload.name,
    heading: t("email.orderCancelled.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "paragraph",
        // Shoppers and the payment deadline cancel only unpaid orders; the
        // store may cancel a paid one, which is then refunded.
        text: reason === "admin"
          ? t("email.orderCancelled.refund")
          : t("email.orderCancelled.notCharged"),
      },
      {
        type: "facts",
        rows: [
          { label: t("email.common.orderNumber"), value: orderNumber },
          {
            label: t("email.orderCancelled.cancellationDate"),
            value: date(payload.cancelledAt),
          },
          { label: t("email.common.total"), value: money(payload.total) },
        ],
      },
      {
        type: "button",
        label: t("email.common.viewOrder"),
        url: payload.orderUrl,
      },
    ],
  };
}

function orderRefunded(
  payload: z.output<typeof EMAIL_PAYLOADS.order_refunded>,
  { t, money, date }: Context,
): Content {
  const { orderNumber, reason } = payload;
  const amount = money(payload.amount);
  const intro = t("email.orderRefunded.intro", { orderNumber, amount });
  const rows = [
    { label: t("email.common.orderNumber"), value: orderNumber },
    { label: t("email.orderRefunded.refundAmount"), value: amount },
    {
      label: t("email.orderRefunded.totalRefunded"),
      value: money(payload.totalRefunded),
    },
    {
      label: t("email.orderRefunded.refundDate"),
      value: date(payload.refundedAt),
    },
  ];
  if (reason) {
    rows.push({ label: t("email.orderRefunded.reason"), value: reason });
  }
  return {
    subject: t("email.orderRefunded.subject", { orderNumber, amount }),
    preheader: intro,
    name: payload.name,
    heading: t("email.orderRefunded.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      { type: "facts", rows },
      {
        type: "paragraph",
        text: payload.full
          ? t("email.orderRefunded.full")
          : t("email.orderRefunded.partial"),
      },
      {
        type: "button",
        label: t("email.common.viewOrder"),
        url: payload.orderUrl,
      },
    ],
  };
}

function lowStock(
  payload: z.output<typeof EMAIL_PAYLOADS.low_stock>,
  { t }: Context,
): Content {
  const { sku, productName, available, threshold } = payload;
  // `count: 0` picks the `_zero` texts, which say the SKU is sold out.
  const intro = t("email.lowStock.intro", {
    count: available,
    sku,
    productName,
  });
  return {
    subject: t("email.lowStock.subject", { count: available, sku }),
    preheader: intro,
    name: payload.name ?? t("email.lowStock.team"),
    heading: t("email.lowStock.heading"),
    blocks: [
      { type: "paragraph", text: intro },
      {
        type: "facts",
        rows: [
          { label: t("email.lowStock.product"), value: productName },
          { label: t("email.lowStock.sku"), value: sku },
          { label: t("email.lowStock.available"), value: String(available) },
          { label: t("email.lowStock.threshold"), value: String(threshold) },
        ],
      },
      {
        type: "button",
        label: t("email.lowStock.action"),
        url: payload.adminUrl,
      },
      { type: "note", text: t("email.lowStock.why") },
    ],
  };
}
