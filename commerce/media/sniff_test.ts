import assert from "node:assert/strict";
import { avif, jpeg, png, SVG, webp, webpLossy } from "./_test_images.ts";
import { detectType, imageDimensions } from "./sniff.ts";

const text = (value: string) => new TextEncoder().encode(value);

Deno.test("`detectType()` reads the type from the bytes", async () => {
  assert.equal(detectType(await png()), "image/png");
  assert.equal(detectType(jpeg()), "image/jpeg");
  assert.equal(detectType(webp()), "image/webp");
  assert.equal(detectType(avif()), "image/avif");
  assert.equal(detectType(SVG), "image/svg+xml");
  assert.equal(
    detectType(text("\uFEFF  <!-- logo -->\n<svg viewBox='0 0 1 1'/>")),
    "image/svg+xml",
  );
  assert.equal(detectType(text("GIF89a....")), "image/gif");
  assert.equal(detectType(text("%PDF-1.7")), "application/pdf");
  assert.equal(detectType(text("<html><body>hi</body></html>")), null);
  assert.equal(detectType(text("just text")), null);
  assert.equal(detectType(new Uint8Array()), null);
});

Deno.test("`imageDimensions()` reads the size each header declares", async () => {
  assert.deepEqual(imageDimensions(await png(3, 5), "image/png"), {
    width: 3,
    height: 5,
  });
  assert.deepEqual(imageDimensions(jpeg(640, 480), "image/jpeg"), {
    width: 640,
    height: 480,
  });
  assert.deepEqual(imageDimensions(webp(320, 200), "image/webp"), {
    width: 320,
    height: 200,
  });
  assert.deepEqual(imageDimensions(webpLossy(16, 9), "image/webp"), {
    width: 16,
    height: 9,
  });
  // The largest `ispe`: the picture, not its thumbnail.
  assert.deepEqual(imageDimensions(avif(1200, 800), "image/avif"), {
    width: 1200,
    height: 800,
  });
});

Deno.test("`imageDimensions()` is null for a header that cannot be read", async () => {
  // A JPEG's magic bytes and nothing else.
  assert.equal(
    imageDimensions(new Uint8Array([0xff, 0xd8, 0xff]), "image/jpeg"),
    null,
  );
  // A PNG cut off inside its IHDR chunk.
  assert.equal(
    imageDimensions((await png()).subarray(0, 20), "image/png"),
    null,
  );
  // A JPEG whose segment lengths run off the end.
  const broken = jpeg().slice(0, 12);
  assert.equal(imageDimensions(broken, "image/jpeg"), null);
  // An ftyp box claiming AVIF with no size anywhere.
  assert.equal(imageDimensions(avif().subarray(0, 28), "image/avif"), null);
  // Zero pixels wide.
  assert.equal(imageDimensions(jpeg(0, 10), "image/jpeg"), null);
});
