/**
 * Email delivery for the running store: the configured provider, one
 * delivery pass over the notifications outbox, the schedule, and
 * `deno task notifications:deliver` to run one pass by hand.
 *
 * @module
 */
import {
  deliverAllDue,
  type DeliverResult,
  devMailboxProvider,
  type EmailProvider,
  mailgunProvider,
  sendgridProvider,
} from "../commerce/notifications/mod.ts";
import { renderEmail } from "../commerce/notifications/templates/mod.ts";
import type { Database, Sql } from "../db/client.ts";
import type { Config } from "./config.ts";
import { scheduleJob } from "./cron.ts";
import type { Logger } from "./logger.ts";

/** The email settings of the configuration. */
type EmailConfig = Pick<
  Config,
  | "EMAIL_PROVIDER"
  | "EMAIL_FROM"
  | "SENDGRID_API_KEY"
  | "MAILGUN_API_KEY"
  | "MAILGUN_DOMAIN"
  | "MAILGUN_API_URL"
>;

/**
 * The email provider the configuration names: SendGrid
 * (`EMAIL_PROVIDER=sendgrid` with `SENDGRID_API_KEY`), Mailgun (`mailgun`
 * with `MAILGUN_API_KEY`, `MAILGUN_DOMAIN` and optionally `MAILGUN_API_URL`
 * for the EU region), or the dev mailbox in `sql` (`dev`, the default),
 * which stores messages for `/dev/mailbox` instead of sending them. The
 * config schema already requires each provider's keys; a config built
 * without it throws a `TypeError` naming the missing one.
 */
export function emailProviderFor(config: EmailConfig, sql: Sql): EmailProvider {
  switch (config.EMAIL_PROVIDER) {
    case "sendgrid":
      return sendgridProvider({
        apiKey: required(config, "SENDGRID_API_KEY"),
        from: config.EMAIL_FROM,
      });
    case "mailgun":
      return mailgunProvider({
        apiKey: required(config, "MAILGUN_API_KEY"),
        domain: required(config, "MAILGUN_DOMAIN"),
        url: config.MAILGUN_API_URL,
        from: config.EMAIL_FROM,
      });
    case "dev":
      return devMailboxProvider(sql);
  }
}

function required(
  config: EmailConfig,
  name: "SENDGRID_API_KEY" | "MAILGUN_API_KEY" | "MAILGUN_DOMAIN",
): string {
  const value = config[name];
  if (!value) throw new TypeError(`${name} is not configured`);
  return value;
}

/** What a delivery pass needs (the app's dependencies fit). */
export interface NotificationsDeps {
  config: EmailConfig & Pick<Config, "STORE_NAME">;
  db: Pick<Database, "sql">;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

/**
 * One delivery pass: send every notification that is due (batch after
 * batch, at most `maxBatches`, default 10 of 20) through `provider` (default:
 * the configured one), rendered with the email templates in each row's
 * language under the store's name, logging outcomes to the app's logger.
 * Resolves with the counts; a failed send is retried later by the outbox,
 * never thrown (see `deliverAllDue`).
 */
export async function deliverNotifications(
  deps: NotificationsDeps,
  options: { provider?: EmailProvider; maxBatches?: number; now?: Date } = {},
): Promise<DeliverResult> {
  const { config, db, logger } = deps;
  return await deliverAllDue(db.sql, {
    provider: options.provider ?? emailProviderFor(config, db.sql),
    render: (row) => renderEmail(row, { storeName: config.STORE_NAME }),
    logger,
    maxBatches: options.maxBatches,
    now: options.now,
  });
}

/**
 * Register the scheduled delivery (`Deno.cron` "notifications" at
 * `NOTIFICATIONS_SCHEDULE`, UTC; every minute by default) and return true,
 * or return false without registering when `APP_ENV` is "test". Call it
 * once, at start-up. Every instance may run it: the outbox claims each row
 * for one worker at a time. A run never throws into the scheduler.
 */
export function scheduleNotifications(
  deps: NotificationsDeps & {
    config: Pick<Config, "APP_ENV" | "NOTIFICATIONS_SCHEDULE">;
  },
): boolean {
  return scheduleJob(deps, {
    name: "notifications",
    schedule: deps.config.NOTIFICATIONS_SCHEDULE,
    run: () => deliverNotifications(deps),
    failure: "notification delivery failed",
  });
}

if (import.meta.main) {
  const { runDatabaseCommand } = await import("./command.ts");
  const { createLogger } = await import("./logger.ts");
  await runDatabaseCommand(async ({ config, db }) => {
    const provider = emailProviderFor(config, db.sql);
    console.log(`Delivering due notifications through ${provider.name}…`);
    const result = await deliverNotifications({
      config,
      db,
      // This command reports for itself; the log gets warnings and errors.
      logger: createLogger("warn"),
    }, { provider, maxBatches: Number.POSITIVE_INFINITY });
    console.log(
      `Claimed ${result.claimed}: ${result.sent} sent, ${result.retried} to retry later, ` +
        `${result.failed} failed, ${result.unrecorded} unrecorded`,
    );
    if (config.EMAIL_PROVIDER === "dev" && result.sent > 0) {
      console.log("Read them at /dev/mailbox (APP_ENV=development)");
    }
  });
}
