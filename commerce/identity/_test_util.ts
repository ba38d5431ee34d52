/**
 * Test helpers of the identity module's accounts: a migrated throwaway
 * database, accounts made without the cost of registration, and the links
 * queued in the outbox.
 *
 * @module
 */
import { withTempDatabase } from "../../db/_test_util.ts";
import type { Sql } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import type { Role } from "./types.ts";

/** Run `fn` against a fresh, migrated database. */
export function withIdentityDatabase(
  fn: (sql: Sql) => Promise<void>,
): Promise<void> {
  return withTempDatabase(async (sql) => {
    await migrate(sql);
    await fn(sql);
  });
}

/** The link builders the tests register with. */
export const verifyUrl = (token: string): string =>
  `https://shop.test/en/verify-email?token=${token}`;
export const resetUrl = (token: string): string =>
  `https://shop.test/en/reset-password?token=${token}`;

/**
 * Insert an active account directly (no password, no email), holding
 * `roles`; answers its id.
 */
export async function insertUser(
  sql: Sql,
  { email = `${crypto.randomUUID()}@example.com`, roles = ["customer"] }: {
    email?: string;
    roles?: Role[];
  } = {},
): Promise<string> {
  return await sql.begin(async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`
      insert into identity.users (email, name) values (${email}, 'Test')
      returning id`;
    for (const role of roles) {
      await tx`
        insert into identity.user_roles (user_id, role)
        values (${id}, ${role})`;
    }
    return id;
  });
}

/** One queued outbox row, as the tests look at it. */
export interface QueuedEmail {
  eventId: string;
  kind: string;
  recipient: string;
  language: string;
  payload: Record<string, unknown>;
}

/** Every queued email of `kind` (all kinds when omitted), oldest first. */
export async function queued(sql: Sql, kind?: string): Promise<QueuedEmail[]> {
  const rows = await sql<QueuedEmail[]>`
    select event_id as "eventId", kind, recipient, language, payload
    from notifications.outbox
    where ${kind === undefined ? sql`true` : sql`kind = ${kind}`}
    order by created_at, event_id`;
  return [...rows];
}

/** The token in the link of the latest queued email of `kind`. */
export async function tokenFromOutbox(sql: Sql, kind: string): Promise<string> {
  const rows = await queued(sql, kind);
  const last = rows.at(-1);
  if (last === undefined) throw new Error(`No '${kind}' email was queued`);
  const token = new URL(String(last.payload.url)).searchParams.get("token");
  if (token === null) throw new Error(`The '${kind}' link has no token`);
  return token;
}
