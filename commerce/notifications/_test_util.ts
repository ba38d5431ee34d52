/**
 * Test helpers of the notifications module: a migrated throwaway database,
 * a quick way to queue, a template and a scriptable fake provider.
 *
 * @module
 */
import { withTempDatabase } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import {
  type EmailMessage,
  type EmailProvider,
  enqueue,
  type NotificationInput,
  type OutboxRow,
  type RenderedEmail,
} from "./mod.ts";

/** Run `fn` against a fresh, migrated database. */
export function withNotificationsDatabase(
  fn: (sql: Sql, url: string) => Promise<void>,
): Promise<void> {
  return withTempDatabase(async (sql, url) => {
    await migrate(sql);
    await fn(sql, url);
  });
}

/** Queue one notification in a transaction of its own. */
export async function queue(
  sql: Sql,
  eventId: string,
  overrides: Partial<NotificationInput> = {},
): Promise<{ queued: boolean }> {
  return await sql.begin((tx) =>
    enqueue(tx, {
      eventId,
      kind: "test.hello",
      recipient: "ada@example.com",
      language: "en",
      payload: { name: "Ada" },
      ...overrides,
    })
  );
}

/** A stand-in template: the payload's name in the subject. */
export function render(row: OutboxRow): RenderedEmail {
  const name = String(row.payload.name ?? "");
  return {
    subject: `Hello ${name} (${row.language})`,
    html: `<p>Hello ${name}</p>`,
    text: `Hello ${name}`,
  };
}

/**
 * A provider whose answers `answer` decides, call by call; it records every
 * message and counts calls per event id.
 */
export function fakeProvider(
  answer: (message: EmailMessage, call: number) =>
    | { id: string }
    | Promise<{ id: string }> = (message) => ({ id: `msg-${message.eventId}` }),
): EmailProvider & { messages: EmailMessage[]; calls: Map<string, number> } {
  const messages: EmailMessage[] = [];
  const calls = new Map<string, number>();
  return {
    name: "fake",
    messages,
    calls,
    send(message) {
      messages.push(message);
      calls.set(message.eventId, (calls.get(message.eventId) ?? 0) + 1);
      return Promise.resolve(answer(message, messages.length));
    },
  };
}

/** `base` moved by `ms` milliseconds. */
export function plus(base: Date, ms: number): Date {
  return new Date(base.getTime() + ms);
}
