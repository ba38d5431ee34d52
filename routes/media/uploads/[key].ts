import {
  contentTypeOfKey,
  isMediaKey,
  mediaFor,
} from "../../../commerce/media/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * `GET /media/uploads/{key}`: an uploaded image, from whichever store
 * holds it. A key is the hash of the file's bytes, so the answer never
 * changes: cached for a year (by browsers and any CDN in front), with the
 * hash as its ETag.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const key = c.req.param("key") ?? "";
    if (!isMediaKey(key)) throw new NotFound("No such file");
    const etag = `"${key.slice(0, 64)}"`;
    const headers = { "Cache-Control": IMMUTABLE, ETag: etag };
    const asked = c.req.header("if-none-match") ?? "";
    if (
      asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)
    ) {
      return c.body(null, 304, headers);
    }
    const object = await mediaFor(c.var.config).store.get(key);
    if (!object) throw new NotFound("No such file");
    return c.body(object.body, 200, {
      ...headers,
      "Content-Type": contentTypeOfKey(key)!,
      ...(object.bytes === null
        ? {}
        : { "Content-Length": String(object.bytes) }),
      // Opened directly, the file is only ever an image.
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
    });
  },
};
