import {
  listMedia,
  mediaFor,
  uploadImage,
} from "../../../../commerce/media/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { Invalid } from "../../../../edge/errors.ts";
import { parseQuery } from "../../../../edge/validate.ts";
import { readUpload } from "./_upload.ts";
import { MediaListQuery } from "./_validators.ts";

/**
 * `POST /api/admin/media`: upload one image (JPEG, PNG, WebP or AVIF,
 * judged by its bytes; SVG refused) as `multipart/form-data` field
 * `file`; 201 with `{ key, url, contentType, bytes, width, height }`.
 * `GET`: the uploads, newest first; cursor pages.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const page = await listMedia(c.var.db.sql, parseQuery(c, MediaListQuery));
    if (!page) {
      throw new Invalid("The cursor is not valid", { code: "invalid_cursor" });
    }
    return c.json(page);
  },
  async POST(c) {
    const actor = staffActor(c, "catalog:write");
    const { store, maxBytes } = mediaFor(c.var.config);
    const upload = await readUpload(c, maxBytes);
    const media = await uploadImage(
      { sql: c.var.db.sql, store, maxBytes, logger: c.var.logger },
      { ...upload, actor },
    );
    return c.json(media, 201);
  },
};
