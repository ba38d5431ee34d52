import assert from "node:assert/strict";
import { startFakeS3 } from "./_fake_s3.ts";
import { MediaStoreUnavailableError } from "./errors.ts";
import { s3MediaStore } from "./s3_store.ts";

const KEY = `${"0f".repeat(32)}.webp`;
const CREDENTIALS = {
  accessKeyId: "AKIATESTMEDIA",
  secretAccessKey: "test-secret-for-the-fake-s3-only",
  region: "eu-central-1",
};
const bytes = new TextEncoder().encode("RIFF....WEBPVP8X");

Deno.test("the S3 store's signed PUT and GET pass a server that checks Signature Version 4", async () => {
  const fake = startFakeS3({ bucket: "media", key: CREDENTIALS });
  try {
    const store = s3MediaStore({
      endpoint: fake.endpoint,
      bucket: "media",
      ...CREDENTIALS,
    });
    await store.put(KEY, { body: bytes, contentType: "image/webp" });
    assert.deepEqual(fake.requests, [{
      method: "PUT",
      path: `/media/${KEY}`,
      status: 200,
    }]);
    assert.deepEqual(fake.objects.get(KEY)?.body, bytes);
    assert.equal(fake.objects.get(KEY)?.contentType, "image/webp");

    const object = (await store.get(KEY))!;
    assert.equal(object.contentType, "image/webp");
    assert.equal(object.bytes, bytes.length);
    assert.deepEqual(
      new Uint8Array(await new Response(object.body).arrayBuffer()),
      bytes,
    );
    assert.equal(await store.get(`${"1e".repeat(32)}.webp`), null);
  } finally {
    await fake.close();
  }
});

Deno.test("the S3 store fails with 503 when the signature is wrong, and does not retry it", async () => {
  const fake = startFakeS3({ bucket: "media", key: CREDENTIALS });
  try {
    const store = s3MediaStore({
      endpoint: fake.endpoint,
      bucket: "media",
      ...CREDENTIALS,
      secretAccessKey: "not-the-secret",
      retryBaseMs: 1,
    });
    const error = await store.put(KEY, {
      body: bytes,
      contentType: "image/webp",
    })
      .then(() => null, (e) => e);
    assert.ok(error instanceof MediaStoreUnavailableError);
    assert.equal(error.status, 503);
    assert.equal(error.code, "media_store_unavailable");
    assert.match(
      String((error.cause as Error).message),
      /403 SignatureDoesNotMatch/,
    );
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.objects.size, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("the S3 store signs for the time it sends: a skewed clock is refused", async () => {
  const fake = startFakeS3({ bucket: "media", key: CREDENTIALS });
  try {
    const store = s3MediaStore({
      endpoint: fake.endpoint,
      bucket: "media",
      ...CREDENTIALS,
      now: () => new Date(Date.now() - 60 * 60 * 1000),
      retries: 0,
    });
    const error = await store.put(KEY, {
      body: bytes,
      contentType: "image/webp",
    })
      .then(() => null, (e) => e);
    assert.match(String(error.cause.message), /RequestTimeTooSkewed/);
  } finally {
    await fake.close();
  }
});

Deno.test("the S3 store retries 5xx answers with backoff, then gives up", async () => {
  const fake = startFakeS3({ bucket: "media", key: CREDENTIALS });
  try {
    const store = s3MediaStore({
      endpoint: fake.endpoint,
      bucket: "media",
      ...CREDENTIALS,
      retries: 2,
      retryBaseMs: 1,
    });
    fake.failNext(2, 503);
    await store.put(KEY, { body: bytes, contentType: "image/webp" });
    assert.deepEqual(fake.requests.map((r) => r.status), [503, 503, 200]);

    fake.failNext(3, 500);
    await assert.rejects(
      () => store.put(KEY, { body: bytes, contentType: "image/webp" }),
      MediaStoreUnavailableError,
    );
    assert.equal(fake.requests.length, 6);
  } finally {
    await fake.close();
  }
});

Deno.test("the S3 store reports a missing bucket and an unreachable endpoint as 503", async () => {
  const fake = startFakeS3({ bucket: "media", key: CREDENTIALS });
  const endpoint = fake.endpoint;
  try {
    const wrongBucket = s3MediaStore({
      endpoint,
      bucket: "other",
      ...CREDENTIALS,
    });
    await assert.rejects(
      () => wrongBucket.put(KEY, { body: bytes, contentType: "image/webp" }),
      MediaStoreUnavailableError,
    );
  } finally {
    await fake.close();
  }
  const gone = s3MediaStore({
    endpoint,
    bucket: "media",
    ...CREDENTIALS,
    retries: 0,
  });
  await assert.rejects(() => gone.get(KEY), MediaStoreUnavailableError);
});
