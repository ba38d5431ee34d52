import {
  type MailboxMessage,
  mailboxMessage,
} from "../../../commerce/notifications/mod.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";

// Developer pages (see `../_middleware.ts`): English only, never indexed and
// never linked from the shop, so their text is not in `locales/`.

/** No JavaScript: one message. */
export const staticPage = true;

/**
 * `GET /dev/mailbox/{id}`: one message of the dev mailbox (development
 * only); an unknown or malformed id is the 404 page.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const message = await mailboxMessage(c.var.db.sql, c.req.param("id") ?? "");
    if (!message) throw new NotFound("Message not found");
    return page.render(message satisfies MailboxMessage);
  },
};

/** A developer page: never indexed. */
export function head({ data, state }: PageProps<MailboxMessage>): Head {
  return {
    title: `${data.subject} · Dev mailbox · ${state.storeName}`,
    noindex: true,
  };
}

/**
 * One message: headers, the plain-text body, and the HTML body as source.
 * The HTML is not previewed in an `<iframe srcdoc>`: a srcdoc document
 * inherits this page's Content-Security-Policy, whose `style-src` allows
 * only the page's nonce, so the email's inline styles would be dropped and
 * the preview would misrepresent what recipients see.
 */
export default function MailboxMessagePage(
  { data }: PageProps<MailboxMessage>,
) {
  const fields: [string, string][] = [
    ["To", data.recipient],
    ["Received (UTC)", data.createdAt.toISOString()],
    ["Event", data.eventId],
  ];
  return (
    <article lang="en" dir="ltr" class="mx-auto max-w-5xl px-4 py-10">
      <p>
        <a href="/dev/mailbox" class="underline">← Dev mailbox</a>
      </p>
      <h1
        class="mt-4 text-3xl font-extrabold tracking-tight"
        data-testid="mailbox-subject"
      >
        {data.subject}
      </h1>
      <dl class="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {fields.map(([name, value]) => [
          <dt key={`${name}-dt`} class="font-semibold text-gray-600">
            {name}
          </dt>,
          <dd key={`${name}-dd`} class="break-all">{value}</dd>,
        ])}
      </dl>
      <section class="mt-8">
        <h2 class="text-xl font-bold">Plain text</h2>
        <pre
          class="mt-3 overflow-x-auto whitespace-pre-wrap rounded bg-gray-50 p-4 text-sm"
          data-testid="mailbox-text"
        >{data.text}</pre>
      </section>
      <section class="mt-8">
        <h2 class="text-xl font-bold">HTML source</h2>
        <p class="mt-2 text-sm text-gray-600">
          Shown as source, not rendered: this page's Content-Security-Policy
          would block the email's inline styles in a preview.
        </p>
        <pre
          class="mt-3 max-h-[32rem] overflow-auto rounded bg-gray-50 p-4 text-xs"
          data-testid="mailbox-html"
        >{data.html}</pre>
      </section>
    </article>
  );
}
