/**
 * Email templates: what the notifications outbox sends, in the recipient's
 * language. Pass {@link renderEmail} as the outbox's `render`.
 *
 * - One template per notification kind (`verify_email`, `password_reset`,
 *   `welcome`, `order_placed`, `order_paid`, `order_shipped`,
 *   `order_cancelled`, `order_refunded`, `low_stock`), each with a
 *   zod schema for its payload: producers build payloads that fit it, and
 *   the renderer refuses any that do not ({@link InvalidPayloadError}).
 * - Texts live in `locales/*.json` under `email.*`; money is formatted
 *   exactly with `formatMoney`, dates in UTC with `dateStyle: "long"`.
 * - One responsive, inline-styled, table-based HTML layout (right to left
 *   for Arabic) and a plain-text body with the same content; every value is
 *   HTML-escaped and every link must be http(s).
 *
 * @module
 */
export {
  DEFAULT_STORE_NAME,
  type EmailRow,
  renderEmail,
  type RenderEmailOptions,
} from "./render_email.ts";
export {
  CancellationReason,
  EMAIL_PAYLOADS,
  type EmailKind,
  EmailUrl,
  isEmailKind,
  LowStockPayload,
  MoneyInput,
  OrderCancelledPayload,
  OrderLinePayload,
  OrderPaidPayload,
  OrderPlacedPayload,
  OrderRefundedPayload,
  OrderShippedPayload,
  PasswordResetPayload,
  VerifyEmailPayload,
  WelcomePayload,
} from "./schemas.ts";
export { InvalidPayloadError, UnknownTemplateError } from "./errors.ts";
export type { RenderedEmail } from "../types.ts";
