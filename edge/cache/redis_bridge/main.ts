/**
 * `deno task redis-bridge`: serve the Upstash REST API on 127.0.0.1 in front
 * of a local Redis, so the store's `@upstash/redis` cache runs in development.
 *
 * Reads `REDIS_URL` (default `redis://127.0.0.1:6379`), `REDIS_BRIDGE_PORT`
 * (default 8079) and `REDIS_BRIDGE_TOKEN` (default `dev-token`).
 *
 * @module
 */
import { z } from "zod";
import { createRedisBridge, redactRedisUrl, RespClient } from "./mod.ts";

/** The environment the bridge reads, validated once at start-up. */
const BridgeEnv = z.object({
  REDIS_URL: z.url({ protocol: /^redis$/ }).default("redis://127.0.0.1:6379"),
  REDIS_BRIDGE_PORT: z.coerce.number().int().min(0).max(65535).default(8079),
  REDIS_BRIDGE_TOKEN: z.string().min(1).default("dev-token"),
});
/** The parsed bridge environment. */
type BridgeEnv = z.infer<typeof BridgeEnv>;

/** Parse the environment, exiting with the offending variables when bad. */
function readEnv(): BridgeEnv {
  const parsed = BridgeEnv.safeParse(Deno.env.toObject());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    console.error(`Invalid ${issue.path.join(".")}: ${issue.message}`);
  }
  Deno.exit(1);
}

/** Start the bridge and print the variables that point the store at it. */
async function main(): Promise<void> {
  const env = readEnv();
  const redisUrl = redactRedisUrl(env.REDIS_URL);
  const probe = new RespClient(env.REDIS_URL);
  try {
    await probe.send(["PING"]);
  } catch (error) {
    console.warn(
      `Warning: ${
        error instanceof Error ? error.message : String(error)
      } (requests will answer 502 until it is up)`,
    );
  } finally {
    await probe.close();
  }

  const bridge = createRedisBridge({
    redisUrl: env.REDIS_URL,
    token: env.REDIS_BRIDGE_TOKEN,
  });
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: env.REDIS_BRIDGE_PORT,
    onListen({ port }) {
      const restUrl = `http://127.0.0.1:${port}`;
      console.log(`Upstash REST bridge on ${restUrl} -> ${redisUrl}`);
      console.log("Point the store at it with:");
      console.log(`  UPSTASH_REDIS_REST_URL=${restUrl}`);
      console.log(`  UPSTASH_REDIS_REST_TOKEN=${env.REDIS_BRIDGE_TOKEN}`);
    },
  }, bridge);

  const stop = async () => {
    await server.shutdown();
    await bridge.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => {
      stop().finally(() => Deno.exit(0));
    });
  }
  await server.finished;
}

if (import.meta.main) await main();
