import assert from "node:assert/strict";
import postgres from "postgres";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import {
  deliverAllDue,
  deliverDue,
  devMailboxProvider,
  EmailDeliveryError,
  enqueue,
  exponentialBackoff,
  listMailbox,
  mailboxMessage,
  outboxEntry,
  requeue,
} from "./mod.ts";
import {
  fakeProvider,
  plus,
  queue,
  render,
  withNotificationsDatabase,
} from "./_test_util.ts";

// Ahead of the database clock, so rows queued just now are due.
function start(): Date {
  return new Date(Date.now() + 1000);
}

const MINUTE = 60_000;

Deno.test({
  name: "enqueue() writes nothing when the caller's transaction rolls back",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await assert.rejects(
        sql.begin(async (tx) => {
          await tx`create table public.orders (id int)`;
          const { queued } = await enqueue(tx, {
            eventId: "order-confirmed:1",
            kind: "orders.confirmed",
            recipient: "ada@example.com",
            language: "de",
            payload: { order: 1 },
          });
          assert.equal(queued, true);
          throw new Error("the order failed after all");
        }),
        /the order failed after all/,
      );
      assert.equal(await outboxEntry(sql, "order-confirmed:1"), null);
      const [{ count }] = await sql`
        select count(*)::int as count from notifications.outbox`;
      assert.equal(count, 0);
    });
  },
});

Deno.test({
  name: "enqueue() keeps one row per event id, the first one's",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      assert.deepEqual(await queue(sql, "welcome:ada"), { queued: true });
      assert.deepEqual(
        await queue(sql, "welcome:ada", { payload: { name: "Bob" } }),
        { queued: false },
      );
      const rows = await sql`
        select payload, status, attempts from notifications.outbox`;
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0], {
        payload: { name: "Ada" },
        status: "pending",
        attempts: 0,
      });
    });
  },
});

Deno.test({
  name: "enqueue() refuses input no template could use",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await assert.rejects(
        queue(sql, "bad:1", { recipient: "not an address" }),
        { name: "ZodError" },
      );
      await assert.rejects(queue(sql, ""), { name: "ZodError" });
      assert.equal(await outboxEntry(sql, "bad:1"), null);
    });
  },
});

Deno.test({
  name: "deliverDue() sends a due notification and records it as sent",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "welcome:ada", { language: "fr" });
      const provider = fakeProvider();
      const now = start();
      const result = await deliverDue(sql, { provider, render, now });
      assert.deepEqual(result, {
        claimed: 1,
        sent: 1,
        retried: 0,
        failed: 0,
        unrecorded: 0,
      });
      assert.deepEqual(provider.messages, [{
        eventId: "welcome:ada",
        to: "ada@example.com",
        subject: "Hello Ada (fr)",
        html: "<p>Hello Ada</p>",
        text: "Hello Ada",
      }]);
      const row = await outboxEntry(sql, "welcome:ada");
      assert.equal(row?.status, "sent");
      assert.equal(row?.attempts, 1);
      assert.equal(row?.provider, "fake");
      assert.equal(row?.providerMessageId, "msg-welcome:ada");
      assert.equal(row?.sentAt?.getTime(), now.getTime());
      assert.equal(row?.lastError, null);

      const again = await deliverDue(sql, {
        provider,
        render,
        now: plus(now, 24 * 60 * MINUTE),
      });
      assert.equal(again.claimed, 0);
      assert.equal(provider.messages.length, 1);
    });
  },
});

Deno.test({
  name:
    "deliverDue() retries a retryable failure later and later, then sends it",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "reset:ada");
      const provider = fakeProvider((message, call) => {
        if (call <= 3) {
          throw new EmailDeliveryError("The API answered HTTP 503", {
            provider: "fake",
            retryable: true,
            status: 503,
          });
        }
        return { id: `msg-${message.eventId}` };
      });
      // No jitter drawn: each delay is exactly half the doubled base.
      const backoff = exponentialBackoff({ baseMs: MINUTE, random: () => 0 });
      let now = start();
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const result = await deliverDue(sql, {
          provider,
          render,
          now,
          backoff,
        });
        assert.equal(result.retried, 1, `attempt ${attempt} is retried`);
        const row = await outboxEntry(sql, "reset:ada");
        assert.equal(row?.status, "pending");
        assert.equal(row?.attempts, attempt);
        assert.match(row?.lastError ?? "", /HTTP 503/);
        const delay = row!.nextAttemptAt.getTime() - now.getTime();
        delays.push(delay);
        const early = await deliverDue(sql, {
          provider,
          render,
          now: plus(now, delay - 1),
          backoff,
        });
        assert.equal(early.claimed, 0, "not due before its backoff");
        now = plus(now, delay);
      }
      assert.deepEqual(delays, [MINUTE / 2, MINUTE, 2 * MINUTE]);

      const last = await deliverDue(sql, { provider, render, now, backoff });
      assert.equal(last.sent, 1);
      const row = await outboxEntry(sql, "reset:ada");
      assert.equal(row?.status, "sent");
      assert.equal(row?.attempts, 4);
      assert.equal(row?.lastError, null);
      assert.equal(provider.calls.get("reset:ada"), 4);
    });
  },
});

Deno.test({
  name: "exponentialBackoff() doubles, jitters within the upper half, and caps",
  fn() {
    const low = exponentialBackoff({
      baseMs: 1000,
      maxMs: 8000,
      random: () => 0,
    });
    const high = exponentialBackoff({
      baseMs: 1000,
      maxMs: 8000,
      random: () => 0.999999,
    });
    assert.deepEqual([1, 2, 3, 4, 5, 9].map(low), [
      500,
      1000,
      2000,
      4000,
      4000,
      4000,
    ]);
    assert.deepEqual([1, 2, 3, 4, 5].map(high), [1000, 2000, 4000, 8000, 8000]);
    const random = exponentialBackoff({ baseMs: 1000 });
    for (let i = 0; i < 100; i++) {
      const delay = random(3);
      assert.ok(delay >= 2000 && delay <= 4000, `${delay} in [2000, 4000]`);
    }
  },
});

Deno.test({
  name: "deliverDue() waits at least as long as a provider's Retry-After",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "slow-down:1");
      const provider = fakeProvider(() => {
        throw new EmailDeliveryError("The API answered HTTP 429", {
          provider: "fake",
          retryable: true,
          status: 429,
          retryAfterMs: 10 * MINUTE,
        });
      });
      const now = start();
      await deliverDue(sql, {
        provider,
        render,
        now,
        backoff: () => 1000,
      });
      const row = await outboxEntry(sql, "slow-down:1");
      assert.equal(
        row?.nextAttemptAt.getTime(),
        plus(now, 10 * MINUTE).getTime(),
      );
    });
  },
});

Deno.test({
  name:
    "deliverDue() fails a permanent error at once, and requeue() revives it",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "welcome:typo", { recipient: "ada@exmaple.con" });
      let rejecting = true;
      const provider = fakeProvider((message) => {
        if (rejecting) {
          throw new EmailDeliveryError("The API answered HTTP 400", {
            provider: "fake",
            retryable: false,
            status: 400,
          });
        }
        return { id: `msg-${message.eventId}` };
      });
      const now = start();
      const result = await deliverDue(sql, { provider, render, now });
      assert.equal(result.failed, 1);
      const row = await outboxEntry(sql, "welcome:typo");
      assert.equal(row?.status, "failed");
      assert.equal(row?.attempts, 1);
      assert.match(row?.lastError ?? "", /EmailDeliveryError: .*HTTP 400/);
      const later = await deliverDue(sql, {
        provider,
        render,
        now: plus(now, 7 * 24 * 60 * MINUTE),
      });
      assert.equal(later.claimed, 0, "a failed row is never picked up again");

      rejecting = false;
      assert.equal(await requeue(sql, "welcome:typo"), true);
      assert.equal(
        await requeue(sql, "welcome:typo"),
        false,
        "only failed rows",
      );
      const revived = await deliverDue(sql, {
        provider,
        render,
        now: plus(now, 2 * MINUTE),
      });
      assert.equal(revived.sent, 1);
      assert.equal((await outboxEntry(sql, "welcome:typo"))?.status, "sent");
    });
  },
});

Deno.test({
  name: "deliverDue() fails a row its template cannot render, without sending",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "unknown:1", { kind: "no.such.template" });
      const provider = fakeProvider();
      const result = await deliverDue(sql, {
        provider,
        render: (row) => {
          throw new Error(`No template for '${row.kind}'`);
        },
        now: start(),
      });
      assert.equal(result.failed, 1);
      assert.equal(provider.messages.length, 0);
      const row = await outboxEntry(sql, "unknown:1");
      assert.equal(row?.status, "failed");
      assert.match(row?.lastError ?? "", /No template for 'no.such.template'/);
    });
  },
});

Deno.test({
  name: "deliverDue() gives up after maxAttempts",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "flaky:1");
      // Not an EmailDeliveryError: unknown failures count as retryable.
      const provider = fakeProvider(() => {
        throw new TypeError("fetch failed");
      });
      let now = start();
      const outcomes: string[] = [];
      for (let run = 0; run < 5; run++) {
        const result = await deliverDue(sql, {
          provider,
          render,
          now,
          maxAttempts: 3,
          backoff: () => 1000,
        });
        outcomes.push(
          result.retried ? "retried" : result.failed ? "failed" : "idle",
        );
        now = plus(now, 1000);
      }
      assert.deepEqual(outcomes, [
        "retried",
        "retried",
        "failed",
        "idle",
        "idle",
      ]);
      assert.equal(provider.calls.get("flaky:1"), 3);
      const row = await outboxEntry(sql, "flaky:1");
      assert.equal(row?.status, "failed");
      assert.equal(row?.attempts, 3);
      assert.match(row?.lastError ?? "", /TypeError: fetch failed/);
    });
  },
});

Deno.test({
  name: "two concurrent workers send each of 50 notifications exactly once",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql, url) => {
      await sql.begin(async (tx) => {
        for (let i = 0; i < 50; i++) {
          await enqueue(tx, {
            eventId: `bulk:${i}`,
            kind: "test.hello",
            recipient: `user${i}@example.com`,
            language: "en",
            payload: { name: `User ${i}` },
          });
        }
      });
      const provider = fakeProvider(async (message) => {
        // Let the other worker run while this send is in flight.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return { id: `msg-${message.eventId}` };
      });
      const other = postgres(url, { max: 4, onnotice: () => {} });
      try {
        const now = start();
        const options = {
          provider,
          render,
          now,
          batchSize: 7,
          concurrency: 3,
          maxBatches: 20,
        };
        const [a, b] = await Promise.all([
          deliverAllDue(sql, options),
          deliverAllDue(other, options),
        ]);
        assert.ok(a.claimed > 0 && b.claimed > 0, "both workers took rows");
        assert.equal(a.sent + b.sent, 50);
        assert.equal(a.claimed + b.claimed, 50);
      } finally {
        await other.end({ timeout: 5 });
      }
      assert.equal(provider.calls.size, 50);
      for (const [eventId, calls] of provider.calls) {
        assert.equal(calls, 1, `${eventId} was sent ${calls} times`);
      }
      const [{ sent }] = await sql`
        select count(*)::int as sent from notifications.outbox
        where status = 'sent'`;
      assert.equal(sent, 50);
    });
  },
});

Deno.test({
  name: "a row left 'sending' by a dead worker is sent again after its lease",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "orphan:1");
      await queue(sql, "orphan:last");
      const leaseMs = 5 * MINUTE;
      const now = start();
      // What a worker that died mid-send leaves behind: claimed, never
      // finished. (`orphan:last` was on its last allowed attempt.)
      await sql`
        update notifications.outbox
        set status = 'sending', next_attempt_at = ${plus(now, leaseMs)},
          attempts = case when event_id = 'orphan:last' then 3 else 1 end`;
      const provider = fakeProvider();
      const options = { provider, render, leaseMs, maxAttempts: 3 };

      const during = await deliverDue(sql, {
        ...options,
        now: plus(now, leaseMs - 1),
      });
      assert.equal(during.claimed, 0, "not while the lease holds");

      const after = await deliverDue(sql, {
        ...options,
        now: plus(now, leaseMs),
      });
      assert.equal(after.sent, 1);
      assert.equal(after.failed, 1);
      const orphan = await outboxEntry(sql, "orphan:1");
      assert.equal(orphan?.status, "sent");
      assert.equal(orphan?.attempts, 2);
      const last = await outboxEntry(sql, "orphan:last");
      assert.equal(last?.status, "failed");
      assert.match(last?.lastError ?? "", /lease expired on the last attempt/);
      assert.deepEqual([...provider.calls.keys()], ["orphan:1"]);
    });
  },
});

Deno.test({
  name: "deliverDue() refuses a batch that could outlive its lease",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await assert.rejects(
        deliverDue(sql, {
          provider: fakeProvider(),
          render,
          batchSize: 100,
          concurrency: 1,
          timeoutMs: 30_000,
          leaseMs: 60_000,
        }),
        RangeError,
      );
    });
  },
});

Deno.test({
  name: "the dev mailbox stores one message per event id, even when sent twice",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      const mailbox = devMailboxProvider(sql);
      const message = {
        eventId: "welcome:ada",
        to: "ada@example.com",
        subject: "Welcome",
        html: "<p>Welcome</p>",
        text: "Welcome",
      };
      const signal = new AbortController().signal;
      const first = await mailbox.send(message, signal);
      const [second, third] = await Promise.all([
        mailbox.send({ ...message, subject: "Welcome again" }, signal),
        mailbox.send(message, signal),
      ]);
      assert.equal(second.id, first.id);
      assert.equal(third.id, first.id);
      await mailbox.send({
        ...message,
        eventId: "welcome:bob",
        to: "bob@example.com",
      }, signal);

      const ada = await listMailbox(sql, { recipient: "ada@example.com" });
      assert.equal(ada.length, 1);
      assert.equal(ada[0].id, first.id);
      assert.equal(ada[0].subject, "Welcome");
      assert.equal(ada[0].eventId, "welcome:ada");
      assert.equal((await listMailbox(sql)).length, 2);
      assert.equal((await mailboxMessage(sql, first.id))?.text, "Welcome");
      assert.equal(await mailboxMessage(sql, "not-a-uuid"), null);
    });
  },
});

Deno.test({
  name: "deliverDue() through the dev mailbox: queued, delivered, readable",
  ignore: ignorePostgresTests,
  async fn() {
    await withNotificationsDatabase(async (sql) => {
      await queue(sql, "welcome:ada");
      const result = await deliverDue(sql, {
        provider: devMailboxProvider(sql),
        render,
        now: start(),
      });
      assert.equal(result.sent, 1);
      const [message] = await listMailbox(sql);
      assert.equal(message.subject, "Hello Ada (en)");
      assert.equal(message.recipient, "ada@example.com");
      const row = await outboxEntry(sql, "welcome:ada");
      assert.equal(row?.provider, "dev-mailbox");
      assert.equal(row?.providerMessageId, message.id);
    });
  },
});
