import { renderProductImage } from "../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";

/**
 * `GET /media/products/{key}.svg`: a product illustration, drawn locally
 * from its key (the seed catalog hotlinks nothing). Immutable: a key always
 * draws the same picture.
 */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    const file = c.req.param("key") ?? "";
    const svg = file.endsWith(".svg")
      ? renderProductImage(file.slice(0, -4))
      : null;
    if (svg === null) throw new NotFound("No such image");
    return c.body(svg, 200, {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      // An SVG opened directly must not run anything.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'",
    });
  },
};
