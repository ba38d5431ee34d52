/**
 * Entry point: load the configuration, boot the store and serve it.
 *
 * @module
 */
import { ConfigError, loadConfig } from "./edge/config.ts";
import { startStore } from "./edge/server.ts";

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  Deno.exit(1);
}

const store = await startStore(config);
const server = Deno.serve({
  port: config.PORT,
  hostname: config.HOSTNAME,
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
