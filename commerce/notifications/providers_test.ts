import assert from "node:assert/strict";
import { TimeoutError } from "../../edge/timeout.ts";
import {
  EmailDeliveryError,
  type EmailMessage,
  mailgunProvider,
  sendgridProvider,
} from "./mod.ts";

const message: EmailMessage = {
  eventId: "order-confirmed:42",
  to: "ada@example.com",
  subject: "Your order 42",
  html: "<p>Thank you &amp; see you</p>",
  text: "Thank you & see you",
};

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/**
 * A fake provider API on a free loopback port: `respond` decides each
 * answer, `seen` keeps each request.
 */
async function withFakeApi(
  fn: (api: {
    url: string;
    seen: Seen[];
    respond: (answer: () => Response) => void;
  }) => Promise<void>,
) {
  let answer = () => new Response(null, { status: 202 });
  const seen: Seen[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    async (request) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        headers: request.headers,
        body: await request.text(),
      });
      return answer();
    },
  );
  try {
    await fn({
      url: `http://127.0.0.1:${server.addr.port}`,
      seen,
      respond: (next) => answer = next,
    });
  } finally {
    await server.shutdown();
  }
}

const signal = new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (error) => error,
  );
  assert.ok(error instanceof EmailDeliveryError, String(error));
  return error;
}

Deno.test("sendgridProvider() posts the message as SendGrid's JSON with a bearer key", async () => {
  await withFakeApi(async (api) => {
    api.respond(() =>
      new Response(null, {
        status: 202,
        headers: { "x-message-id": "sg-abc123" },
      })
    );
    const provider = sendgridProvider({
      apiKey: "SG.secret",
      from: "Example Shop <shop@example.com>",
      url: `${api.url}/v3/mail/send`,
    });
    assert.equal(provider.name, "sendgrid");
    assert.deepEqual(await provider.send(message, signal), { id: "sg-abc123" });

    const [request] = api.seen;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v3/mail/send");
    assert.equal(request.headers.get("authorization"), "Bearer SG.secret");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(request.body), {
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "shop@example.com", name: "Example Shop" },
      subject: "Your order 42",
      content: [
        { type: "text/plain", value: "Thank you & see you" },
        { type: "text/html", value: "<p>Thank you &amp; see you</p>" },
      ],
      custom_args: { event_id: "order-confirmed:42" },
    });
  });
});

Deno.test("sendgridProvider() tells retryable from permanent failures", async () => {
  await withFakeApi(async (api) => {
    const provider = sendgridProvider({
      apiKey: "SG.secret",
      from: "shop@example.com",
      url: `${api.url}/v3/mail/send`,
    });
    api.respond(() =>
      new Response('{"errors":[{"message":"too many requests"}]}', {
        status: 429,
        headers: { "retry-after": "7" },
      })
    );
    const limited = await failure(provider.send(message, signal));
    assert.equal(limited.retryable, true);
    assert.equal(limited.status, 429);
    assert.equal(limited.retryAfterMs, 7000);
    assert.equal(limited.provider, "sendgrid");

    api.respond(() => new Response("upstream broke", { status: 500 }));
    const broken = await failure(provider.send(message, signal));
    assert.equal(broken.retryable, true);
    assert.equal(broken.status, 500);

    api.respond(() =>
      new Response(
        '{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}',
        { status: 400 },
      )
    );
    const invalid = await failure(provider.send(message, signal));
    assert.equal(invalid.retryable, false);
    assert.equal(invalid.status, 400);
    assert.match(
      invalid.message,
      /^The SendGrid API answered HTTP 400: .*valid address/,
    );

    api.respond(() => new Response("unauthorized", { status: 401 }));
    const unauthorized = await failure(provider.send(message, signal));
    assert.equal(unauthorized.retryable, false);
    assert.equal(unauthorized.status, 401);
    assert.doesNotMatch(unauthorized.message, /SG\.secret|127\.0\.0\.1/);
  });
});

Deno.test("mailgunProvider() posts a form with basic auth and the event id variable", async () => {
  await withFakeApi(async (api) => {
    api.respond(() =>
      Response.json({
        id: "<20240101.1@mg.example.com>",
        message: "Queued. Thank you.",
      })
    );
    const provider = mailgunProvider({
      apiKey: "key-secret",
      domain: "mg.example.com",
      from: "Example Shop <shop@example.com>",
      url: `${api.url}/`,
    });
    assert.equal(provider.name, "mailgun");
    assert.deepEqual(await provider.send(message, signal), {
      id: "<20240101.1@mg.example.com>",
    });

    const [request] = api.seen;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v3/mg.example.com/messages");
    assert.equal(
      request.headers.get("authorization"),
      `Basic ${btoa("api:key-secret")}`,
    );
    assert.equal(
      request.headers.get("content-type"),
      "application/x-www-form-urlencoded",
    );
    const form = new URLSearchParams(request.body);
    assert.deepEqual(Object.fromEntries(form), {
      from: "Example Shop <shop@example.com>",
      to: "ada@example.com",
      subject: "Your order 42",
      text: "Thank you & see you",
      html: "<p>Thank you &amp; see you</p>",
      "v:event_id": "order-confirmed:42",
    });
  });
});

Deno.test("mailgunProvider() tells retryable from permanent failures", async () => {
  await withFakeApi(async (api) => {
    const provider = mailgunProvider({
      apiKey: "key-secret",
      domain: "mg.example.com",
      from: "shop@example.com",
      url: api.url,
    });
    for (
      const [status, retryable] of [
        [429, true],
        [500, true],
        [503, true],
        [
          400,
          false,
        ],
        [401, false],
        [404, false],
      ] as const
    ) {
      api.respond(() => new Response("nope", { status }));
      const error = await failure(provider.send(message, signal));
      assert.equal(error.status, status);
      assert.equal(error.retryable, retryable, `HTTP ${status}`);
      assert.equal(error.provider, "mailgun");
      assert.doesNotMatch(error.message, /key-secret/);
    }

    // Accepted with a body it cannot read: still sent, known by event id.
    api.respond(() => new Response("OK"));
    assert.deepEqual(await provider.send(message, signal), {
      id: "order-confirmed:42",
    });
  });
});

Deno.test("the HTTP providers count network failures and timeouts as retryable", async () => {
  const unreachable = mailgunProvider({
    apiKey: "key-secret",
    domain: "mg.example.com",
    from: "shop@example.com",
    fetch: () => Promise.reject(new TypeError("error sending request")),
  });
  const offline = await failure(unreachable.send(message, signal));
  assert.equal(offline.retryable, true);
  assert.equal(offline.status, undefined);
  assert.match(offline.message, /could not be reached/);

  let aborted = false;
  const hanging = sendgridProvider({
    apiKey: "SG.secret",
    from: "shop@example.com",
    timeoutMs: 30,
    fetch: (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      }),
  });
  const started = performance.now();
  const slow = await failure(hanging.send(message, signal));
  assert.ok(performance.now() - started < 1000);
  assert.equal(slow.retryable, true);
  assert.ok(slow.cause instanceof TimeoutError);
  assert.match(slow.message, /SendGrid API did not answer within 30 ms/);
  assert.ok(aborted, "the request is cancelled, not left running");
});
