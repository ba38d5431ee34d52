import type { RouteHandler } from "../edge/define.ts";
import { publicOrigin } from "../edge/origin.ts";

/** `GET /robots.txt`: crawl everything but the API; where the sitemap is. */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    const body = [
      "User-agent: *",
      "Allow: /",
      "Disallow: /api/",
      `Sitemap: ${publicOrigin(c)}/sitemap.xml`,
      "",
    ].join("\n");
    return c.body(body, 200, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    });
  },
};
