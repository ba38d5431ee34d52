/**
 * Page helpers the browser tests share: console errors and CSP violations
 * collected, waiting for islands to hydrate and for navigations to load.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";

/** Where browser tests leave screenshots for a person to look over. */
export const SCREENSHOTS = fileURLToPath(
  new URL("./screenshots", import.meta.url),
);
/** The widths screenshots are taken at. */
export const DESKTOP = { width: 1280, height: 900 };
/** See {@link DESKTOP}. */
export const TABLET = { width: 820, height: 1180 };

/**
 * Full-page screenshots `<name>-desktop.png` and `<name>-tablet.png` in
 * {@link SCREENSHOTS}; the page is left at desktop width.
 */
export async function shootWidths(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  for (
    const [viewport, size] of [["desktop", DESKTOP], [
      "tablet",
      TABLET,
    ]] as const
  ) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: `${SCREENSHOTS}/${name}-${viewport}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize(DESKTOP);
}

/**
 * Reports CSP violations as console errors. Passed to `addInitScript`, so
 * the browser runs it through the DevTools protocol, never as a page
 * `<script>` the policy would judge.
 */
export function reportCspViolations(): void {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(
      `CSP violation: ${event.violatedDirective} blocked ${
        event.blockedURI || "inline code"
      }`,
    );
  });
}

/** A page whose console errors and uncaught exceptions land in `problems`. */
export async function watchedPage(
  context: BrowserContext,
  problems: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      const { url } = message.location();
      problems.push(
        `${page.url()}: console error: ${message.text()}${
          url && url !== page.url() ? ` (${url})` : ""
        }`,
      );
    }
  });
  page.on("pageerror", (error) => {
    problems.push(`${page.url()}: uncaught ${error.name}: ${error.message}`);
  });
  return page;
}

/** Wait until boot has hydrated every island marker of the page. */
export async function islandsHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const markers = document.querySelectorAll("x-island[data-island]");
    return markers.length > 0 &&
      Array.from(markers).every((marker) =>
        marker.hasAttribute("data-hydrated")
      );
  });
}

/** Run `action` and wait for the page load it causes. */
export async function untilLoaded(
  page: Page,
  action: () => Promise<unknown>,
): Promise<void> {
  const loaded = page.waitForEvent("load");
  await action();
  await loaded;
}
