/**
 * Save full-page screenshots of the store's main pages at phone and desktop
 * widths into `e2e/screenshots/` (gitignored), for a person to look over.
 *
 * Run with `deno task build` done, then: `deno run -A e2e/screenshots.ts`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveTestStore,
} from "./_browser.ts";

const PAGES: {
  path: string;
  name: string;
  headers?: Record<string, string>;
}[] = [
  { path: "/en/", name: "en-home" },
  { path: "/en/", name: "en-home-geo-de", headers: { "cf-ipcountry": "DE" } },
  {
    path: "/fr/about",
    name: "fr-about-geo-jp",
    headers: { "cf-ipcountry": "JP" },
  },
  { path: "/de/about", name: "de-about" },
  { path: "/ja/", name: "ja-home" },
  { path: "/ar/", name: "ar-home" },
  { path: "/fr/nope", name: "fr-404" },
];

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** Screenshot every page at every viewport; returns the files written. */
export async function takeScreenshots(outDir: string): Promise<string[]> {
  await Deno.mkdir(outDir, { recursive: true });
  const store = await serveTestStore();
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      const { width, height } = viewport;
      const context = await browser.newContext({
        viewport: { width, height },
        isMobile: viewport.name === "phone",
        hasTouch: viewport.name === "phone",
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      for (const { path, name, headers } of PAGES) {
        await page.setExtraHTTPHeaders(headers ?? {});
        await page.goto(`${store.origin}${path}`, { waitUntil: "load" });
        const file = `${outDir}/${name}-${viewport.name}.png`;
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await store.close();
  }
  return written;
}

if (import.meta.main) {
  if (!hasChromium()) {
    console.error(
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    Deno.exit(1);
  }
  const outDir = fileURLToPath(new URL("./screenshots", import.meta.url));
  for (const file of await takeScreenshots(outDir)) console.log(file);
}
