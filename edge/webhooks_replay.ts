/**
 * `deno task webhooks:replay`: an operator re-processes stored webhook
 * events, e.g. those kept `unmatched` because they arrived before the
 * payment they name was recorded, or after fixing a bug. Each event goes
 * through the same path as on arrival (forward-only, once per effect), so
 * replaying twice, or replaying an event that was applied, changes
 * nothing more.
 *
 * ```
 * deno task webhooks:replay [--gateway stripe] [--outcome unmatched]
 *   [--event evt_123] [--since 2026-12-01] [--limit 100] [--all]
 * ```
 *
 * By default it replays the `unmatched` events; `--all` replays every
 * outcome.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { replayWebhookEvent, webhookEvents } from "../commerce/payments/mod.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "./logger.ts";
import { StartupError } from "./startup_error.ts";

/** Which stored events to replay. */
export interface ReplayOptions {
  gateway?: string;
  /** Only events with this outcome (`unmatched` by default; none: all). */
  outcome?: string | null;
  eventId?: string;
  since?: Date;
  limit?: number;
}

/** One replayed event and what it did this time. */
export interface ReplayedEvent {
  gateway: string;
  eventId: string;
  before: string;
  after: string | null;
}

/**
 * Replay the stored events `options` select, oldest first, calling
 * `progress` after each. An event stored before events were kept
 * normalized cannot be replayed (`after: null`).
 */
export async function replayWebhooks(
  deps: { db: Database; logger?: Pick<Logger, "info" | "warn" | "error"> },
  options: ReplayOptions = {},
  progress?: (event: ReplayedEvent, index: number, total: number) => void,
): Promise<ReplayedEvent[]> {
  const events = (await webhookEvents(deps.db.sql, {
    gateway: options.gateway,
    outcome: options.outcome === undefined
      ? "unmatched"
      : options.outcome ?? undefined,
    eventId: options.eventId,
    since: options.since,
    limit: options.limit ?? 1000,
  })).reverse();
  const replayed: ReplayedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const after = await replayWebhookEvent(deps.db.sql, deps, {
      gateway: event.gateway,
      eventId: event.eventId,
    });
    const result = {
      gateway: event.gateway,
      eventId: event.eventId,
      before: event.outcome,
      after,
    };
    replayed.push(result);
    progress?.(result, index, events.length);
  }
  return replayed;
}

/** Read the command line of `webhooks:replay`. */
export function parseReplayArgs(args: string[]): ReplayOptions {
  const { values } = parseArgs({
    args,
    options: {
      gateway: { type: "string" },
      outcome: { type: "string" },
      event: { type: "string" },
      since: { type: "string" },
      limit: { type: "string" },
      all: { type: "boolean" },
    },
    strict: true,
  });
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime())) {
    throw new StartupError(
      `--since must be a date such as 2026-12-01 (got '${values.since}')`,
    );
  }
  const limit = values.limit ? Number(values.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new StartupError(
      `--limit must be a positive whole number (got '${values.limit}')`,
    );
  }
  return {
    gateway: values.gateway,
    outcome: values.all
      ? null
      : values.outcome ?? (values.event ? null : undefined),
    eventId: values.event,
    since,
    limit,
  };
}

if (import.meta.main) {
  const { runDatabaseCommand } = await import("./command.ts");
  const { createLogger } = await import("./logger.ts");
  await runDatabaseCommand(async ({ db }) => {
    let options: ReplayOptions;
    try {
      options = parseReplayArgs(Deno.args);
    } catch (error) {
      if (error instanceof StartupError) throw error;
      throw new StartupError((error as Error).message);
    }
    console.log("Replaying stored webhook events…");
    const replayed = await replayWebhooks(
      { db, logger: createLogger("warn") },
      options,
      (event, index, total) =>
        console.log(
          `[${
            index + 1
          }/${total}] ${event.gateway} ${event.eventId}: ${event.before} → ${
            event.after ?? "cannot be replayed (stored before replays existed)"
          }`,
        ),
    );
    const changed = replayed.filter((e) => e.after && e.after !== e.before);
    console.log(
      `Replayed ${replayed.length} events; ${changed.length} changed outcome`,
    );
  });
}
