import assert from "node:assert/strict";
import { startFakeS3 } from "../../../../commerce/media/_fake_s3.ts";
import {
  avif,
  jpeg,
  png,
  SVG,
  webp,
} from "../../../../commerce/media/_test_images.ts";
import { sha256Hex } from "../../../../commerce/media/mod.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import type { Store } from "../../../../edge/server.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

function uploader(store: Store) {
  return async (
    token: string | undefined,
    files: { bytes: Uint8Array; type?: string; name?: string }[],
    options: { field?: string } = {},
  ): Promise<{ status: number; json: Json }> => {
    const form = new FormData();
    for (const file of files) {
      form.append(
        options.field ?? "file",
        new File(
          [file.bytes as Uint8Array<ArrayBuffer>],
          file.name ?? "image",
          {
            type: file.type ?? "",
          },
        ),
      );
    }
    const response = await store.app.request("/api/admin/media", {
      method: "POST",
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: response.status, json: await response.json() };
  };
}

async function fetchMedia(store: Store, url: string, headers = {}) {
  const response = await store.app.request(url, { headers });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

Deno.test({
  name:
    "admin media: upload an image, validated by its bytes, served immutable",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const upload = uploader(store);
    try {
      const admin = await staffMember(store);
      const token = admin.token;
      const image = await png(4, 3);
      let key = "";

      await t.step(
        "a PNG is stored under its hash and served with long cache headers",
        async () => {
          const { status, json } = await upload(token, [{
            bytes: image,
            type: "image/png",
          }]);
          assert.equal(status, 201, JSON.stringify(json));
          key = `${await sha256Hex(image)}.png`;
          assert.deepEqual(json, {
            key,
            url: `/media/uploads/${key}`,
            contentType: "image/png",
            bytes: image.length,
            width: 4,
            height: 3,
          });
          const served = await fetchMedia(store, json.url);
          assert.equal(served.status, 200);
          assert.deepEqual(served.bytes, image);
          assert.equal(served.headers.get("content-type"), "image/png");
          assert.equal(
            served.headers.get("cache-control"),
            "public, max-age=31536000, immutable",
          );
          assert.equal(served.headers.get("x-content-type-options"), "nosniff");
          const etag = served.headers.get("etag")!;
          assert.equal(etag, `"${key.slice(0, 64)}"`);
          const again = await fetchMedia(store, json.url, {
            "if-none-match": etag,
          });
          assert.equal(again.status, 304);
          assert.equal(again.bytes.length, 0);
        },
      );

      await t.step(
        "each upload is audited; the list pages newest first",
        async () => {
          const log = await store.app.request(
            `/api/admin/audit?entityType=media&entityId=${key}`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          const [entry] = (await log.json()).items;
          assert.equal(entry.action, "media.upload");
          assert.equal(entry.actorId, admin.id);
          assert.equal(entry.after.key, key);
          assert.equal(entry.after.bytes, image.length);
          assert.equal(entry.after.new, true);

          // The same bytes again: the same key, stored once.
          const twice = await upload(token, [{
            bytes: image,
            type: "application/octet-stream",
          }]);
          assert.equal(twice.status, 201);
          assert.equal(twice.json.key, key);

          for (
            const [bytes, type, width] of [
              [jpeg(640, 480), "image/jpeg", 640],
              [webp(320, 200), "image/webp", 320],
              [avif(1200, 800), "image/avif", 1200],
            ] as const
          ) {
            const { status, json } = await upload(token, [{ bytes, type }]);
            assert.equal(status, 201, type);
            assert.equal(json.contentType, type);
            assert.equal(json.width, width);
            assert.match(
              json.key,
              new RegExp(`\\.${type.split("/")[1].replace("jpeg", "jpg")}$`),
            );
          }

          const get = async (query = "") => {
            const response = await store.app.request(
              `/api/admin/media${query}`,
              {
                headers: { authorization: `Bearer ${token}` },
              },
            );
            return { status: response.status, json: await response.json() };
          };
          const first = await get("?limit=3");
          assert.equal(first.status, 200);
          assert.deepEqual(first.json.items.map((m: Json) => m.contentType), [
            "image/avif",
            "image/webp",
            "image/jpeg",
          ]);
          assert.equal(first.json.items[0].uploadedBy, admin.id);
          const second = await get(`?limit=3&cursor=${first.json.nextCursor}`);
          assert.deepEqual(second.json.items.map((m: Json) => m.key), [key]);
          assert.equal(second.json.nextCursor, null);
          assert.equal(
            (await get("?cursor=nope")).json.error.code,
            "invalid_cursor",
          );
          assert.equal((await get("?limit=0")).status, 400);
        },
      );

      await t.step(
        "a retried upload with an Idempotency-Key is answered once",
        async () => {
          // A retry resends the same bytes (the same multipart boundary).
          const form = new FormData();
          form.append(
            "file",
            new File([await png(1, 2)], "a.png", { type: "image/png" }),
          );
          const serialized = new Response(form);
          const body = new Uint8Array(await serialized.arrayBuffer());
          const send = () =>
            store.app.request("/api/admin/media", {
              method: "POST",
              headers: {
                authorization: `Bearer ${token}`,
                "content-type": serialized.headers.get("content-type")!,
                "idempotency-key": "upload-1",
              },
              body,
            });
          const first = await send();
          const retry = await send();
          assert.equal(first.status, 201);
          assert.equal(retry.status, 201);
          assert.equal(retry.headers.get("idempotency-replayed"), "true");
          const media = await first.json();
          assert.deepEqual(await retry.json(), media);
          const log = await store.app.request(
            `/api/admin/audit?entityType=media&entityId=${media.key}`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          assert.equal((await log.json()).items.length, 1);
        },
      );

      await t.step(
        "types are judged by their bytes: SVG and impostors are 415",
        async () => {
          const cases: [Uint8Array, string, string][] = [
            [SVG, "image/svg+xml", "SVG images are not accepted"],
            [
              new TextEncoder().encode("<html><script></script></html>"),
              "image/png",
              "not an image",
            ],
            [
              new TextEncoder().encode("GIF89a\x01\x00\x01\x00"),
              "image/gif",
              "'image/gif'",
            ],
            // Real PNG bytes sent as a JPEG.
            [image, "image/jpeg", "sent as 'image/jpeg' but is 'image/png'"],
          ];
          for (const [bytes, type, message] of cases) {
            const { status, json } = await upload(token, [{ bytes, type }]);
            assert.equal(status, 415, type);
            assert.equal(json.error.code, "unsupported_media_type");
            assert.ok(json.error.message.includes(message), json.error.message);
            assert.deepEqual(json.error.details.accepted, [
              "image/jpeg",
              "image/png",
              "image/webp",
              "image/avif",
            ]);
          }
        },
      );

      await t.step(
        "unreadable, empty or missing files are 400; too large is 413",
        async () => {
          const broken = await upload(token, [{
            bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]),
            type: "image/jpeg",
          }]);
          assert.equal(broken.status, 400);
          assert.equal(broken.json.error.code, "invalid_image");
          const empty = await upload(token, [{
            bytes: new Uint8Array(),
            type: "image/png",
          }]);
          assert.equal(empty.status, 400);
          assert.equal(empty.json.error.code, "invalid_image");

          const none = await upload(token, []);
          assert.equal(none.status, 400);
          assert.equal(none.json.error.code, "validation_failed");
          const two = await upload(token, [{ bytes: image }, { bytes: image }]);
          assert.equal(two.status, 400);
          const wrongField = await upload(token, [{ bytes: image }], {
            field: "image",
          });
          assert.equal(wrongField.status, 400);
          assert.equal(wrongField.json.error.details[0].path, "file");

          const json = await store.app.request("/api/admin/media", {
            method: "POST",
            headers: {
              authorization: `Bearer ${token}`,
              "content-type": "application/json",
            },
            body: "{}",
          });
          assert.equal(json.status, 400);
          assert.equal((await json.json()).error.code, "multipart_required");

          const huge = new Uint8Array(6 * 1024 * 1024);
          huge.set(image);
          const tooLarge = await upload(token, [{
            bytes: huge,
            type: "image/png",
          }]);
          assert.equal(tooLarge.status, 413);
          assert.equal(tooLarge.json.error.code, "payload_too_large");
        },
      );

      await t.step("a key that is not one, or not stored, is 404", async () => {
        for (
          const path of [
            "/media/uploads/nope.png",
            "/media/uploads/..%2F..%2Fetc%2Fpasswd",
            `/media/uploads/${"0".repeat(64)}.png`,
            `/media/uploads/${key.slice(0, 64)}.svg`,
          ]
        ) {
          const response = await store.app.request(path);
          await response.body?.cancel();
          assert.equal(response.status, 404, path);
        }
      });

      await t.step("customers get 403, anonymous callers 401", async () => {
        const customer = await staffMember(store, ["customer"]);
        const denied = await upload(customer.token, [{ bytes: image }]);
        assert.equal(denied.status, 403);
        assert.equal(denied.json.error.code, "forbidden");
        assert.equal((await upload(undefined, [{ bytes: image }])).status, 401);
        const list = await store.app.request("/api/admin/media", {
          headers: { authorization: `Bearer ${customer.token}` },
        });
        assert.equal(list.status, 403);
        await list.body?.cancel();
        const anonymous = await store.app.request("/api/admin/media");
        assert.equal(anonymous.status, 401);
        await anonymous.body?.cancel();
      });
    } finally {
      await store.close();
    }
  },
});

Deno.test({
  name:
    "admin media on an S3-compatible bucket: signed PUT on upload, signed GET when served",
  ignore: ignorePostgresTests,
  async fn() {
    const credentials = {
      accessKeyId: "AKIAMEDIATEST",
      secretAccessKey: "fake-s3-secret-for-tests",
      region: "eu-west-1",
    };
    const fake = startFakeS3({ bucket: "shop-media", key: credentials });
    const store = await startPaymentsTestStore();
    // The settings the config will carry (see MEDIA_ENV), set on the
    // parsed config before the first media request builds the store.
    Object.assign(store.deps.config, {
      MEDIA_STORE: "s3",
      MEDIA_MAX_BYTES: 4096,
      S3_ENDPOINT: fake.endpoint,
      S3_BUCKET: "shop-media",
      S3_REGION: credentials.region,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    const upload = uploader(store);
    try {
      const { token } = await staffMember(store);
      const image = await png(2, 2, [0, 90, 200, 255]);
      const { status, json } = await upload(token, [{
        bytes: image,
        type: "image/png",
      }]);
      assert.equal(status, 201, JSON.stringify(json));
      assert.deepEqual(fake.requests, [
        { method: "PUT", path: `/shop-media/${json.key}`, status: 200 },
      ]);
      assert.deepEqual(fake.objects.get(json.key)?.body, image);
      assert.equal(fake.objects.get(json.key)?.contentType, "image/png");

      const served = await fetchMedia(store, json.url);
      assert.equal(served.status, 200);
      assert.deepEqual(served.bytes, image);
      assert.equal(served.headers.get("content-type"), "image/png");
      assert.equal(fake.requests.at(-1)?.method, "GET");

      // MEDIA_MAX_BYTES applies.
      const big = new Uint8Array(5000);
      big.set(image);
      const tooLarge = await upload(token, [{ bytes: big, type: "image/png" }]);
      assert.equal(tooLarge.status, 413);
      assert.equal(tooLarge.json.error.details.maxBytes, 4096);

      // A bucket that keeps failing: 503, logged for the operator, and
      // nothing recorded.
      const logged: string[] = [];
      store.deps.logger = {
        ...store.deps.logger,
        error: (msg) => logged.push(msg),
      };
      fake.failNext(3, 503);
      const other = await png(1, 1);
      const failed = await upload(token, [{ bytes: other, type: "image/png" }]);
      assert.equal(failed.status, 503);
      assert.equal(failed.json.error.code, "media_store_unavailable");
      assert.deepEqual(logged, ["media store failed"]);
      const [row] = await store.deps.db.sql`
        select count(*)::int as count from media.objects
        where key = ${`${await sha256Hex(other)}.png`}`;
      assert.equal(row.count, 0);
    } finally {
      await store.close();
      await fake.close();
    }
  },
});
