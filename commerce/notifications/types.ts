/**
 * The notifications module's shared types.
 *
 * @module
 */

/** One email as a provider sends it. */
export interface EmailMessage {
  /**
   * The outbox event id. Providers pass it along as an idempotency hint
   * (SendGrid `custom_args`, Mailgun `v:` variables, the dev mailbox's
   * unique key) so a re-sent event can be recognised.
   */
  eventId: string;
  /** The recipient's address. */
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** What a template renders from an outbox row. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Where an outbox row is in its life. */
export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

/** One row of `notifications.outbox`. */
export interface OutboxRow {
  id: string;
  /** The producer's idempotency key. */
  eventId: string;
  /** What happened, e.g. `identity.email_verification`; picks the template. */
  kind: string;
  /** The email address to write to. */
  recipient: string;
  /** The language to render in (a store language code). */
  language: string;
  /** The template's data, as the producer wrote it. */
  payload: Record<string, unknown>;
  status: OutboxStatus;
  /** Attempts started so far, this one included while `sending`. */
  attempts: number;
  /** When a pending row is due; for a sending row, when its lease ends. */
  nextAttemptAt: Date;
  lastError: string | null;
  /** The provider that accepted the message, once sent. */
  provider: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}
