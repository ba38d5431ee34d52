import assert from "node:assert/strict";
import { enqueue } from "../../commerce/notifications/mod.ts";
import { createTempDatabase } from "../../db/_test_util.ts";
import { deliverNotifications } from "../../edge/notifications.ts";
import { startTestStore } from "../../edge/testing.ts";

/** A store on a database of its own (a throwaway one with `DATABASE_URL`). */
async function startStoreWith(env: Record<string, string>) {
  const database = Deno.env.get("DATABASE_URL")
    ? await createTempDatabase()
    : undefined;
  const store = await startTestStore({
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  return {
    ...store,
    async close() {
      await store.close();
      await database?.drop();
    },
  };
}

const html = { headers: { accept: "text/html" } };

Deno.test("the dev mailbox pages show delivered emails in development", async () => {
  const store = await startStoreWith({ APP_ENV: "development" });
  try {
    const { sql } = store.deps.db;
    const queue = (eventId: string, recipient: string, name: string) =>
      sql.begin((tx) =>
        enqueue(tx, {
          eventId,
          kind: "verify_email",
          recipient,
          language: "fr",
          payload: {
            name,
            url: "https://shop.example/verify?token=a&b=1",
            expiresInHours: 24,
          },
        })
      );
    await queue("dev-mailbox-test-1", "ada@example.com", "Ada <Lovelace>");
    await queue("dev-mailbox-test-2", "bob@example.com", "Bob");
    const delivered = await deliverNotifications(store.deps);
    assert.equal(delivered.sent, 2);

    const list = await store.app.request("/dev/mailbox", html);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get("x-robots-tag"), "noindex, nofollow");
    assert.equal(list.headers.get("cache-control"), "no-store");
    const page = await list.text();
    assert.match(page, /name="robots" content="noindex"/);
    assert.equal(page.match(/data-testid="mailbox-message"/g)?.length, 2);
    assert.match(page, /ada@example\.com/);
    assert.match(page, /Confirmez votre adresse e-mail/);

    const filtered = await (await store.app.request(
      "/dev/mailbox?to=bob%40example.com",
      html,
    )).text();
    assert.equal(filtered.match(/data-testid="mailbox-message"/g)?.length, 1);
    assert.doesNotMatch(filtered, /ada@example\.com/);
    const none = await (await store.app.request(
      "/dev/mailbox?to=nobody%40example.com",
      html,
    )).text();
    assert.match(none, /data-testid="mailbox-empty"/);

    const id = /href="\/dev\/mailbox\/([0-9a-f-]{36})"/.exec(page)?.[1];
    assert.ok(id, "the list links its messages");
    const one = await store.app.request(`/dev/mailbox/${id}`, html);
    assert.equal(one.status, 200);
    const detail = await one.text();
    assert.match(detail, /name="robots" content="noindex"/);
    assert.match(detail, /data-testid="mailbox-subject"[^>]*>Confirmez/);
    assert.match(detail, /data-testid="mailbox-text"/);
    // The email's HTML is shown as escaped source, never as markup.
    assert.match(detail, /&lt;html lang=&quot;fr&quot;/);
    assert.doesNotMatch(detail, /<html lang="fr"/);
    assert.doesNotMatch(detail, /Ada <Lovelace>/);

    for (
      const path of [
        "/dev/mailbox/not-an-id",
        `/dev/mailbox/${crypto.randomUUID()}`,
      ]
    ) {
      const missing = await store.app.request(path, html);
      assert.equal(missing.status, 404, path);
      await missing.body?.cancel();
    }
  } finally {
    await store.close();
  }
});

for (
  const env of [
    { APP_ENV: "test" } as Record<string, string>,
    {
      APP_ENV: "production",
      PUBLIC_URL: "https://shop.example",
      EMAIL_PROVIDER: "sendgrid",
      SENDGRID_API_KEY: "SG.test",
    },
  ]
) {
  Deno.test(`the dev mailbox pages are not found when APP_ENV is ${env.APP_ENV}`, async () => {
    const store = await startStoreWith(env);
    try {
      for (
        const path of ["/dev/mailbox", `/dev/mailbox/${crypto.randomUUID()}`]
      ) {
        const response = await store.app.request(path, html);
        assert.equal(response.status, 404, path);
        const page = await response.text();
        assert.match(page, /<html lang="en"/);
        assert.match(page, /name="robots" content="noindex"/);
        assert.doesNotMatch(page, /Dev mailbox/);
      }
      const post = await store.app.request("/dev/mailbox", { method: "POST" });
      assert.equal(post.status, 404);
      await post.body?.cancel();
    } finally {
      await store.close();
    }
  });
}
