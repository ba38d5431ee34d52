/**
 * Entry point: load the configuration, boot the store and serve it.
 *
 * @module
 */
import { type Config, loadConfig } from "./edge/config.ts";
import { scheduleNotifications } from "./edge/notifications.ts";
import {
  scheduleRateOverrideExpiry,
  scheduleRateUpdates,
} from "./edge/rates.ts";
import { scheduleRefundRetries } from "./edge/refunds.ts";
import { scheduleReservationExpiry } from "./edge/reservations.ts";
import { startStore, type Store } from "./edge/server.ts";
import { runCommand } from "./edge/startup_error.ts";

const started = performance.now();

await runCommand(async () => {
  const config = loadConfig();
  const store = await startStore(config);
  // The rates refresh bumps the catalog version through the read cache, so
  // this instance sees new prices at once (others within a second).
  scheduleRateUpdates({ ...store.deps, cache: store.deps.reads });
  scheduleRateOverrideExpiry({ ...store.deps, cache: store.deps.reads });
  scheduleNotifications(store.deps);
  scheduleReservationExpiry(store.deps);
  scheduleRefundRetries(store.deps);
  serve(config, store);
});

/** Serve the store until SIGINT/SIGTERM, then drain and close it. */
function serve(config: Config, store: Store): void {
  const server = Deno.serve({
    port: config.PORT,
    hostname: config.LISTEN_HOST,
    onListen({ hostname, port }) {
      const host = hostname === "0.0.0.0" ? "localhost" : hostname;
      const ms = Math.round(performance.now() - started);
      console.log(
        `${config.STORE_NAME} listening on http://${host}:${port}/ ` +
          `(${store.deps.db.kind} database, ${store.deps.cache.kind} cache, ready in ${ms} ms)`,
      );
    },
  }, store.app.fetch);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      await server.shutdown();
      await store.close();
      Deno.exit(0);
    });
  }
}
