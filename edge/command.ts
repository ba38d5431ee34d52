/**
 * The frame of the store's one-shot commands (`deno task rates:update`,
 * `notifications:deliver`, `orders:expire`): load the configuration, open
 * and migrate the database, run, close, and report a failure as a message
 * rather than a stack trace (see `runCommand`).
 *
 * @module
 */
import type { Database } from "../db/client.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { type Config, loadConfig } from "./config.ts";
import { isDatabaseUnavailable } from "./errors.ts";
import { runCommand, StartupError } from "./startup_error.ts";

/** Run `body` with the configuration and a migrated database. */
export async function runDatabaseCommand(
  body: (context: { config: Config; db: Database }) => Promise<void>,
): Promise<void> {
  await runCommand(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    try {
      await migrate(db.sql).catch((error) => {
        if (!isDatabaseUnavailable(error)) throw error;
        throw new StartupError(
          `Cannot reach the database (DATABASE_URL): ${
            (error as Error).message
          }`,
        );
      });
      await body({ config, db });
    } finally {
      await db.close();
    }
  });
}
