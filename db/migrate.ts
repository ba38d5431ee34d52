/**
 * Migrations: ordered plain SQL files in `db/migrations/`, applied in one
 * transaction under an advisory lock and recorded with a checksum in
 * `public.schema_migrations`. A landed migration is never edited: a changed
 * checksum stops start-up instead of silently diverging.
 *
 * Run as a script (`deno task migrate`) it migrates the configured database.
 *
 * @module
 */
import { StartupError } from "../edge/startup_error.ts";
import type { Sql } from "./client.ts";

/** One migration file. */
export interface Migration {
  /** The file name's numeric prefix, e.g. `0001`. */
  version: string;
  /** The file name. */
  name: string;
  sql: string;
}

/** Thrown when an applied migration's file changed afterwards. */
export class MigrationChecksumError extends StartupError {
  constructor(readonly migration: string) {
    super(
      `Migration '${migration}' was changed after it was applied; add a new migration instead`,
    );
  }
}

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
// An arbitrary constant shared by every instance of the store.
const LOCK_ID = 727_001;

/** Read the migration files of a folder, ordered by name. */
export async function readMigrations(
  dir: URL = MIGRATIONS_DIR,
): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = entry.isFile && /^(\d{4})_[a-z0-9_]+\.sql$/.exec(entry.name);
    if (!match) continue;
    migrations.push({
      version: match[1],
      name: entry.name,
      sql: await Deno.readTextFile(new URL(entry.name, dir)),
    });
  }
  return migrations.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Apply the migrations not yet recorded and return the names applied. Safe to
 * run from many instances at once: the advisory lock makes them take turns.
 */
export async function migrate(
  sql: Sql,
  migrations?: Migration[],
): Promise<string[]> {
  const files = migrations ?? await readMigrations();
  return await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_ID})`;
    await tx`
      create table if not exists public.schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`;
    const applied = new Map(
      (await tx<{ version: string; checksum: string }[]>`
        select version, checksum from public.schema_migrations`)
        .map((row) => [row.version, row.checksum]),
    );
    const done: string[] = [];
    for (const migration of files) {
      const checksum = await sha256(migration.sql);
      const known = applied.get(migration.version);
      if (known !== undefined) {
        if (known !== checksum) {
          throw new MigrationChecksumError(migration.name);
        }
        continue;
      }
      // Migration files are trusted, reviewed source, never user input.
      await tx.unsafe(migration.sql);
      await tx`
        insert into public.schema_migrations (version, name, checksum)
        values (${migration.version}, ${migration.name}, ${checksum})`;
      done.push(migration.name);
    }
    return done;
  });
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

if (import.meta.main) {
  const { runCommand } = await import("../edge/startup_error.ts");
  const { loadConfig } = await import("../edge/config.ts");
  const { openDatabase } = await import("./client.ts");
  await runCommand(async () => {
    const db = await openDatabase(loadConfig());
    try {
      console.log(`Migrating the ${db.kind} database…`);
      const applied = await migrate(db.sql);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
          : "Database is up to date",
      );
    } finally {
      await db.close();
    }
  });
}
