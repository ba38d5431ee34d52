/**
 * Reading the dev mailbox: what the `devMailboxProvider` "sent", for a
 * developer's `/dev/mailbox` page and for tests.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";

/** One message in the dev mailbox. */
export interface MailboxMessage {
  id: string;
  /** The outbox event that produced it. */
  eventId: string;
  /** The address it was written to. */
  recipient: string;
  subject: string;
  html: string;
  text: string;
  createdAt: Date;
}

/**
 * The dev mailbox's messages, newest first: all of them, or those to one
 * `recipient`, at most `limit` (default 50, at most 500).
 */
export async function listMailbox(
  sql: Sql,
  options: { recipient?: string; limit?: number } = {},
): Promise<MailboxMessage[]> {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
  return await sql<MailboxMessage[]>`
    select id, event_id as "eventId", recipient, subject, html, text,
      created_at as "createdAt"
    from notifications.mailbox
    ${
    options.recipient === undefined
      ? sql``
      : sql`where recipient = ${options.recipient}`
  }
    order by created_at desc, id desc
    limit ${limit}`;
}

/** One dev mailbox message by id, or `null`. */
export async function mailboxMessage(
  sql: Sql,
  id: string,
): Promise<MailboxMessage | null> {
  // A malformed id is simply not there, not a database error.
  if (
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
  ) {
    return null;
  }
  const [message] = await sql<MailboxMessage[]>`
    select id, event_id as "eventId", recipient, subject, html, text,
      created_at as "createdAt"
    from notifications.mailbox
    where id = ${id}`;
  return message ?? null;
}
