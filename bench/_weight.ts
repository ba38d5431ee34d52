/**
 * Page weight: how many bytes of JavaScript a page makes the browser fetch,
 * raw and gzipped (what a CDN would send), found from the page's own
 * `<script src>`, inline module imports and `modulepreload` links.
 *
 * @module
 */

/** The JavaScript one page ships. */
export interface PageWeight {
  /** The path, plus the request headers when any were sent. */
  page: string;
  htmlBytes: number;
  /** JavaScript files fetched (boot, shared chunks, island chunks). */
  scripts: string[];
  jsBytes: number;
  jsGzipBytes: number;
}

/** The URLs of JavaScript a page's HTML loads. */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) {
    urls.add(match[1]);
  }
  for (
    const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)
  ) {
    urls.add(match[1]);
  }
  for (const match of html.matchAll(/import\{boot\}from"([^"]+)"/g)) {
    urls.add(match[1]);
  }
  for (const match of html.matchAll(/boot\((\{.*?\})\);<\/script>/g)) {
    for (
      const url of Object.values(JSON.parse(match[1]) as Record<string, string>)
    ) {
      urls.add(url);
    }
  }
  return [...urls].sort();
}

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Fetch a page from `origin` and weigh the JavaScript it loads. */
export async function weighPage(
  origin: string,
  { path, headers }: { path: string; headers?: Record<string, string> },
): Promise<PageWeight> {
  const html = await (await fetch(origin + path, { headers })).text();
  const scripts = scriptUrls(html);
  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const url of scripts) {
    const bytes = new Uint8Array(
      await (await fetch(new URL(url, origin))).arrayBuffer(),
    );
    jsBytes += bytes.byteLength;
    jsGzipBytes += await gzipSize(bytes);
  }
  const sent = Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  return {
    page: sent.length ? `${path} (${sent.join(", ")})` : path,
    htmlBytes: new TextEncoder().encode(html).byteLength,
    scripts,
    jsBytes,
    jsGzipBytes,
  };
}

/** The weights as an aligned text table. */
export function weightTable(weights: PageWeight[]): string {
  const rows = [
    ["page", "HTML bytes", "JS files", "JS bytes", "JS gzip bytes"],
    ...weights.map((w) => [
      w.page,
      w.htmlBytes.toLocaleString("en"),
      String(w.scripts.length),
      w.jsBytes.toLocaleString("en"),
      w.jsGzipBytes.toLocaleString("en"),
    ]),
  ];
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => r[i].length))
  );
  return rows.map((row) =>
    row.map((cell, i) =>
      i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])
    )
      .join("  ")
  ).join("\n");
}
