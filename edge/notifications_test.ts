import assert from "node:assert/strict";
import {
  enqueue,
  listMailbox,
  outboxEntry,
} from "../commerce/notifications/mod.ts";
import { ignorePostgresTests, withTempDatabase } from "../db/_test_util.ts";
import type { Sql } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { parseConfig } from "./config.ts";
import { createLogger, type LogLevel } from "./logger.ts";
import {
  deliverNotifications,
  emailProviderFor,
  scheduleNotifications,
} from "./notifications.ts";

// Never called: the providers are only built here.
const sql = (() => {
  throw new Error("no database");
}) as unknown as Sql;

function recordingLogger() {
  const lines: { level: LogLevel; line: string }[] = [];
  const logger = createLogger(
    "debug",
    (line, level) => lines.push({ level, line }),
  );
  return { logger, lines };
}

Deno.test("emailProviderFor() picks the configured provider", () => {
  assert.equal(emailProviderFor(parseConfig({}), sql).name, "dev-mailbox");
  assert.equal(
    emailProviderFor(
      parseConfig({ EMAIL_PROVIDER: "sendgrid", SENDGRID_API_KEY: "SG.x" }),
      sql,
    ).name,
    "sendgrid",
  );
  assert.equal(
    emailProviderFor(
      parseConfig({
        EMAIL_PROVIDER: "mailgun",
        MAILGUN_API_KEY: "key-1",
        MAILGUN_DOMAIN: "mg.shop.example",
      }),
      sql,
    ).name,
    "mailgun",
  );
  assert.throws(
    () =>
      emailProviderFor({ ...parseConfig({}), EMAIL_PROVIDER: "sendgrid" }, sql),
    /SENDGRID_API_KEY is not configured/,
  );
});

Deno.test("emailProviderFor() sends Mailgun mail to the configured region", async () => {
  const calls: string[] = [];
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(Response.json({ id: "<1@mg>" }));
  };
  try {
    const provider = emailProviderFor(
      parseConfig({
        EMAIL_PROVIDER: "mailgun",
        MAILGUN_API_KEY: "key-1",
        MAILGUN_DOMAIN: "mg.shop.example",
        MAILGUN_API_URL: "https://api.eu.mailgun.net",
      }),
      sql,
    );
    const { id } = await provider.send({
      eventId: "e1",
      to: "ada@example.com",
      subject: "Hi",
      html: "<p>Hi</p>",
      text: "Hi",
    }, new AbortController().signal);
    assert.equal(id, "<1@mg>");
    assert.deepEqual(calls, [
      "https://api.eu.mailgun.net/v3/mg.shop.example/messages",
    ]);
  } finally {
    globalThis.fetch = originalFetch;
  }
});

Deno.test("scheduleNotifications() registers nothing under test", () => {
  const { logger } = recordingLogger();
  assert.equal(
    scheduleNotifications({
      config: parseConfig({ APP_ENV: "test" }),
      db: { sql },
      logger,
    }),
    false,
  );
});

Deno.test({
  name:
    "deliverNotifications() renders a queued email in its language into the dev mailbox",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await sql.begin((tx) =>
        enqueue(tx, {
          eventId: "identity.verify_email:test-1",
          kind: "verify_email",
          recipient: "ada@example.com",
          language: "de",
          payload: {
            name: "Ada",
            url: "https://shop.example/verify?token=abc",
            expiresInHours: 24,
          },
        })
      );
      const { logger, lines } = recordingLogger();
      const deps = {
        config: parseConfig({ STORE_NAME: "Acme Shop" }),
        db: { sql },
        logger,
      };

      const result = await deliverNotifications(deps);
      assert.deepEqual(result, {
        claimed: 1,
        sent: 1,
        retried: 0,
        failed: 0,
        unrecorded: 0,
      });
      assert.ok(
        lines.some(({ line }) => line.includes("notifications delivered")),
      );

      const [message, ...others] = await listMailbox(sql, {
        recipient: "ada@example.com",
      });
      assert.equal(others.length, 0);
      assert.equal(message.eventId, "identity.verify_email:test-1");
      assert.equal(message.subject, "Bestätigen Sie Ihre E-Mail-Adresse");
      assert.match(message.text, /Dieser Link ist 24 Stunden lang gültig\./);
      assert.match(message.text, /Acme Shop/);
      assert.match(message.html, /<html lang="de"/);
      assert.match(message.html, /https:\/\/shop\.example\/verify\?token=abc/);

      const row = await outboxEntry(sql, "identity.verify_email:test-1");
      assert.equal(row?.status, "sent");
      assert.equal(row?.provider, "dev-mailbox");
      assert.equal(row?.providerMessageId, message.id);

      // Nothing is due any more.
      assert.equal((await deliverNotifications(deps)).claimed, 0);
    });
  },
});

Deno.test({
  name: "deliverNotifications() fails a row no template fits, without throwing",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await sql.begin((tx) =>
        enqueue(tx, {
          eventId: "unknown-kind-1",
          kind: "no_such_template",
          recipient: "ada@example.com",
          language: "en",
        })
      );
      const { logger } = recordingLogger();
      const result = await deliverNotifications({
        config: parseConfig({}),
        db: { sql },
        logger,
      });
      assert.equal(result.failed, 1);
      assert.equal(
        (await outboxEntry(sql, "unknown-kind-1"))?.status,
        "failed",
      );
      assert.equal((await listMailbox(sql)).length, 0);
    });
  },
});
