/**
 * What the browser test and the screenshot script share: the system
 * Chromium, launched the one way that works in a container, and a real test
 * store served on a free loopback port.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import type { Store } from "../edge/server.ts";
import { startTestStore } from "../edge/testing.ts";

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

// No sandbox (we run as root in a container), no GPU, and none of the
// background traffic Chromium starts on its own: the only network is loopback.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether the system Chromium is installed. */
export function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    return false;
  }
}

/** Launch the system Chromium headless; close it with `browser.close()`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

/** A test store served over HTTP. */
export interface ServedStore {
  /** The store's origin, `http://127.0.0.1:PORT`, without a trailing slash. */
  origin: string;
  /** Stop the server, then the store. */
  close(): Promise<void>;
}

/**
 * Boot a test store (in-memory database unless `DATABASE_URL` is set) and
 * serve it on a free port of `127.0.0.1`.
 */
export async function serveTestStore(): Promise<ServedStore> {
  const store = await startTestStore();
  const served = serveStore(store);
  return {
    origin: served.origin,
    async close() {
      await served.close();
      await store.close();
    },
  };
}

/**
 * Serve a store that is already running on a free port of `127.0.0.1`;
 * `close()` stops the server only (the caller owns the store).
 */
export function serveStore(store: Store): ServedStore {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    store.app.fetch,
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
