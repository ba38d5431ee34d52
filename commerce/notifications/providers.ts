/**
 * Email providers behind one interface: SendGrid and Mailgun over their
 * HTTP APIs, and the dev mailbox (the default) that stores messages in the
 * database for a developer to read.
 *
 * Every provider passes the outbox event id along: SendGrid as
 * `custom_args.event_id`, Mailgun as the `v:event_id` variable (both come
 * back on every webhook event about the message), the dev mailbox as its
 * unique key. Every HTTP call has a deadline, and every failure is an
 * `EmailDeliveryError` that says whether retrying may help.
 *
 * @module
 */
import { z } from "zod";
import type { Sql } from "../../db/client.ts";
import { TimeoutError, withTimeout } from "../../edge/timeout.ts";
import { EmailDeliveryError } from "./errors.ts";
import type { EmailMessage } from "./types.ts";

/**
 * Somewhere to send email. `name` is the stable id recorded on each sent
 * outbox row (`sendgrid`, `mailgun`, `dev-mailbox`). `send` resolves with
 * the provider's id for the accepted message or rejects with an
 * `EmailDeliveryError`; it stops when `signal` aborts.
 */
export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage, signal: AbortSignal): Promise<{ id: string }>;
}

/** SendGrid's v3 Mail Send endpoint. */
export const SENDGRID_API_URL = "https://api.sendgrid.com/v3/mail/send";

/** Mailgun's API (US region; the EU region is `https://api.eu.mailgun.net`). */
export const MAILGUN_API_URL = "https://api.mailgun.net";

/** Options shared by the HTTP providers. */
interface HttpProviderOptions {
  /** The API key (from the environment, never from code). */
  apiKey: string;
  /** The sender, `shop@example.com` or `Example Shop <shop@example.com>`. */
  from: string;
  /** Deadline of each call in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** The `fetch` to call (tests may pass a fake; default: the global). */
  fetch?: typeof fetch;
}

/**
 * SendGrid over its v3 HTTP API: a JSON `POST` with a bearer key, answered
 * `202 Accepted` with the message id in `X-Message-Id`. The event id goes
 * in `custom_args`, which SendGrid attaches to every event webhook about
 * the message.
 */
export function sendgridProvider(
  options: HttpProviderOptions & { url?: string },
): EmailProvider {
  const { url = SENDGRID_API_URL } = options;
  const from = parseAddress(options.from);
  return {
    name: "sendgrid",
    async send(message, signal) {
      const { response } = await post({
        provider: "sendgrid",
        label: "SendGrid",
        url,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: message.to }] }],
          from,
          subject: message.subject,
          // SendGrid requires text/plain before text/html.
          content: [
            { type: "text/plain", value: message.text },
            { type: "text/html", value: message.html },
          ],
          custom_args: { event_id: message.eventId },
        }),
        signal,
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      });
      return { id: response.headers.get("x-message-id") || message.eventId };
    },
  };
}

const MailgunAnswer = z.object({ id: z.string().min(1) });

/**
 * Mailgun over its HTTP API: a form-encoded `POST` to
 * `/v3/<domain>/messages` with basic auth `api:<key>`, answered `200` with
 * the message id in a JSON body. The event id goes in the `v:event_id`
 * variable, which Mailgun attaches to every event about the message.
 */
export function mailgunProvider(
  options: HttpProviderOptions & { domain: string; url?: string },
): EmailProvider {
  const base = (options.url ?? MAILGUN_API_URL).replace(/\/+$/, "");
  const url = `${base}/v3/${encodeURIComponent(options.domain)}/messages`;
  return {
    name: "mailgun",
    async send(message, signal) {
      const { body } = await post({
        provider: "mailgun",
        label: "Mailgun",
        url,
        headers: {
          authorization: `Basic ${btoa(`api:${options.apiKey}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          "v:event_id": message.eventId,
        }).toString(),
        signal,
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      });
      // The message was accepted whatever the body says; throwing now
      // would only send it again.
      let id = message.eventId;
      try {
        const parsed = MailgunAnswer.safeParse(JSON.parse(body));
        if (parsed.success) id = parsed.data.id;
      } catch {
        // Not JSON: keep the event id.
      }
      return { id };
    },
  };
}

/**
 * The dev mailbox: "sends" by storing the message in
 * `notifications.mailbox`, one row per event id, so a re-delivered event
 * never shows twice. Resolves with the stored message's id (the first one's,
 * for a repeat). The store's default when no email provider is configured.
 */
export function devMailboxProvider(sql: Sql): EmailProvider {
  return {
    name: "dev-mailbox",
    async send(message) {
      for (let tries = 0; tries < 2; tries++) {
        const [row] = await sql<{ id: string }[]>`
          with inserted as (
            insert into notifications.mailbox
              (event_id, recipient, subject, html, text)
            values (
              ${message.eventId}, ${message.to}, ${message.subject},
              ${message.html}, ${message.text}
            )
            on conflict (event_id) do nothing
            returning id
          )
          select id from inserted
          union all
          select id from notifications.mailbox
          where event_id = ${message.eventId}
          limit 1`;
        // Empty only when a concurrent insert committed after this
        // statement's snapshot: the next read sees it.
        if (row) return { id: row.id };
      }
      throw new EmailDeliveryError(
        `The dev mailbox could not store event '${message.eventId}'`,
        { provider: "dev-mailbox", retryable: true },
      );
    },
  };
}

/** `Name <address>` or a bare address, as SendGrid's `from` object. */
function parseAddress(text: string): { email: string; name?: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(text);
  if (!match) return { email: text.trim() };
  const name = match[1].replace(/^"(.*)"$/, "$1");
  return name ? { email: match[2], name } : { email: match[2] };
}

// A provider's error bodies are small JSON; the row needs the gist.
const MAX_SNIPPET_CHARS = 300;

/**
 * POST to a provider under a deadline and read the answer. Resolves for a
 * 2xx; rejects with an `EmailDeliveryError` that is retryable for network
 * failures, timeouts, 429 and 5xx, and permanent for any other status.
 * Messages name the provider and status, never the URL or the key.
 */
async function post(request: {
  provider: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): Promise<{ response: Response; body: string }> {
  const { provider, label } = request;
  const ms = request.timeoutMs ?? 10_000;
  const controller = new AbortController();
  const signal = AbortSignal.any([request.signal, controller.signal]);
  let response: Response;
  let body: string;
  try {
    [response, body] = await withTimeout(
      (async () => {
        const response = await (request.fetch ?? fetch)(request.url, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          signal,
        });
        return [response, await response.text()] as const;
      })(),
      { ms, what: `The ${label} API` },
    );
  } catch (error) {
    controller.abort();
    throw new EmailDeliveryError(
      error instanceof TimeoutError
        ? error.message
        : `The ${label} API could not be reached`,
      { provider, retryable: true, cause: error },
    );
  }
  if (response.ok) return { response, body };
  const retryable = response.status === 429 || response.status >= 500;
  const snippet = body.replace(/\s+/g, " ").trim().slice(0, MAX_SNIPPET_CHARS);
  throw new EmailDeliveryError(
    `The ${label} API answered HTTP ${response.status}${
      snippet ? `: ${snippet}` : ""
    }`,
    {
      provider,
      retryable,
      status: response.status,
      retryAfterMs: retryable
        ? retryAfterMs(response.headers.get("retry-after"))
        : undefined,
    },
  );
}

// A provider asking for more than this is not going to be waited on.
const MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim())
    ? Number(header.trim()) * 1000
    : Date.parse(header) - Date.now();
  return Number.isNaN(ms)
    ? undefined
    : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
