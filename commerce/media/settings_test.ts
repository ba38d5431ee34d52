import assert from "node:assert/strict";
import { z } from "zod";
import {
  checkMediaSettings,
  createMedia,
  DEFAULT_MEDIA_MAX_BYTES,
  MEDIA_ENV,
  mediaFor,
} from "./settings.ts";

const Schema = z.object({ DATA_DIR: z.string(), ...MEDIA_ENV })
  .superRefine(checkMediaSettings);

Deno.test("MEDIA_ENV defaults to the local store and 5 MiB", () => {
  const settings = Schema.parse({ DATA_DIR: ".data" });
  assert.equal(settings.MEDIA_STORE, "local");
  assert.equal(settings.MEDIA_MAX_BYTES, DEFAULT_MEDIA_MAX_BYTES);
  assert.equal(settings.S3_REGION, "us-east-1");
  assert.equal(
    Schema.parse({ DATA_DIR: ".data", MEDIA_MAX_BYTES: "2048" })
      .MEDIA_MAX_BYTES,
    2048,
  );
  assert.throws(() =>
    Schema.parse({ DATA_DIR: ".data", MEDIA_MAX_BYTES: "12" })
  );
  assert.throws(() => Schema.parse({ DATA_DIR: ".data", MEDIA_STORE: "ftp" }));
});

Deno.test("MEDIA_STORE=s3 names every missing S3 setting", () => {
  const result = Schema.safeParse({
    DATA_DIR: ".data",
    MEDIA_STORE: "s3",
    S3_BUCKET: "media",
  });
  assert.equal(result.success, false);
  assert.deepEqual(
    result.error!.issues.map((issue) =>
      `${issue.path.join(".")} ${issue.message}`
    ),
    [
      "S3_ENDPOINT is required when MEDIA_STORE is s3",
      "S3_ACCESS_KEY_ID is required when MEDIA_STORE is s3",
      "S3_SECRET_ACCESS_KEY is required when MEDIA_STORE is s3",
    ],
  );
  assert.equal(
    Schema.safeParse({
      DATA_DIR: ".data",
      MEDIA_STORE: "s3",
      S3_BUCKET: "No_Such",
    }).success,
    false,
  );
  const ok = Schema.parse({
    DATA_DIR: ".data",
    MEDIA_STORE: "s3",
    S3_ENDPOINT: "https://s3.eu-central-1.amazonaws.com",
    S3_BUCKET: "shop-media",
    S3_REGION: "eu-central-1",
    S3_ACCESS_KEY_ID: "AKIA...",
    S3_SECRET_ACCESS_KEY: "secret",
  });
  assert.equal(createMedia(ok).store.kind, "s3");
});

Deno.test("`createMedia()` writes local files under <DATA_DIR>/media/", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const media = createMedia({ DATA_DIR: dir, MEDIA_MAX_BYTES: 2048 });
    assert.equal(media.store.kind, "local");
    assert.equal(media.maxBytes, 2048);
    const key = `${"9a".repeat(32)}.jpg`;
    await media.store.put(key, {
      body: new Uint8Array([1]),
      contentType: "image/jpeg",
    });
    assert.deepEqual(
      await Deno.readFile(`${dir}/media/9a/${key}`),
      new Uint8Array([1]),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(createMedia({ DATA_DIR: "memory://" }).store.kind, "memory");
  assert.throws(
    () => createMedia({ DATA_DIR: ".data", MEDIA_STORE: "s3" }),
    /MEDIA_STORE=s3 needs S3_ENDPOINT, S3_BUCKET/,
  );
});

Deno.test("`mediaFor()` builds one store per config object", () => {
  const config = { DATA_DIR: "memory://" };
  assert.equal(mediaFor(config), mediaFor(config));
  assert.notEqual(mediaFor(config), mediaFor({ DATA_DIR: "memory://" }));
});
