import assert from "node:assert/strict";
import { DatabaseInUseError, startEmbeddedPostgres } from "./embedded.ts";

Deno.test("startEmbeddedPostgres() refuses a data dir another opener holds", async () => {
  const root = await Deno.makeTempDir({ prefix: "storefront-lock-" });
  const dataDir = `${root}/pglite`;
  try {
    const first = await startEmbeddedPostgres(dataDir);
    try {
      await assert.rejects(
        () => startEmbeddedPostgres(dataDir),
        (error: unknown) =>
          error instanceof DatabaseInUseError &&
          error.message.includes(dataDir) &&
          error.message.includes("DATABASE_URL"),
      );
    } finally {
      await first.stop();
    }
    // Released on stop: the next opener gets it.
    const second = await startEmbeddedPostgres(dataDir);
    await second.stop();
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
