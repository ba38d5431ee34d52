import { z } from "zod";
import {
  listMailbox,
  type MailboxMessage,
} from "../../commerce/notifications/mod.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";
import { parseQuery } from "../../edge/validate.ts";

// Developer pages (see `_middleware.ts`): English only, never indexed and
// never linked from the shop, so their text is not in `locales/`.

/** No JavaScript: a list and a filter form. */
export const staticPage = true;

const LIMIT = 100;

const MailboxQuery = z.object({
  to: z.string().trim().max(320).optional()
    .transform((value) => value || undefined),
});

interface MailboxData {
  to?: string;
  messages: Pick<
    MailboxMessage,
    "id" | "recipient" | "subject" | "createdAt"
  >[];
}

/**
 * `GET /dev/mailbox?to=`: the newest messages the dev mailbox provider
 * "sent", all of them or those to one address (development only).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { to } = parseQuery(c, MailboxQuery);
    const messages = await listMailbox(c.var.db.sql, {
      recipient: to,
      limit: LIMIT,
    });
    return page.render(
      {
        to,
        messages: messages.map(({ id, recipient, subject, createdAt }) => ({
          id,
          recipient,
          subject,
          createdAt,
        })),
      } satisfies MailboxData,
    );
  },
};

/** A developer page: never indexed. */
export function head({ state }: PageProps<MailboxData>): Head {
  return { title: `Dev mailbox · ${state.storeName}`, noindex: true };
}

/** The dev mailbox: newest first, with a recipient filter. */
export default function Mailbox({ data }: PageProps<MailboxData>) {
  const { to, messages } = data;
  return (
    <div lang="en" dir="ltr" class="mx-auto max-w-5xl px-4 py-10">
      <h1 class="text-3xl font-extrabold tracking-tight">Dev mailbox</h1>
      <p class="mt-2 text-gray-600">
        Emails the store would have sent (<code>EMAIL_PROVIDER=dev</code>),
        newest first, at most {LIMIT}. This page exists only in development.
      </p>
      <form method="get" action="/dev/mailbox" class="mt-6 flex gap-2">
        <label for="to" class="sr-only">Recipient</label>
        <input
          id="to"
          name="to"
          type="search"
          value={to ?? ""}
          placeholder="Recipient address"
          class="flex-1 rounded border border-gray-300 px-3 py-2"
        />
        <button
          type="submit"
          class="rounded bg-gray-900 px-4 py-2 font-semibold text-white"
        >
          Filter
        </button>
        {to && (
          <a href="/dev/mailbox" class="self-center px-2 underline">
            Show all
          </a>
        )}
      </form>
      {messages.length === 0
        ? (
          <p class="mt-8 text-gray-600" data-testid="mailbox-empty">
            {to ? `No messages to ${to}.` : "No messages yet."}
          </p>
        )
        : (
          <table class="mt-8 w-full text-left text-sm">
            <thead class="border-b border-gray-300 text-gray-600">
              <tr>
                <th scope="col" class="py-2 pr-4">Recipient</th>
                <th scope="col" class="py-2 pr-4">Subject</th>
                <th scope="col" class="py-2">Received (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr
                  key={message.id}
                  class="border-b border-gray-100"
                  data-testid="mailbox-message"
                >
                  <td class="py-2 pr-4">
                    <a
                      href={`/dev/mailbox?to=${
                        encodeURIComponent(message.recipient)
                      }`}
                      class="underline"
                    >
                      {message.recipient}
                    </a>
                  </td>
                  <td class="py-2 pr-4">
                    <a
                      href={`/dev/mailbox/${message.id}`}
                      class="font-semibold underline"
                    >
                      {message.subject}
                    </a>
                  </td>
                  <td class="py-2 whitespace-nowrap">
                    <time dateTime={message.createdAt.toISOString()}>
                      {utc(message.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </div>
  );
}

/** "2026-03-05 10:00:07". */
function utc(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}
