/**
 * Shared set-up of tests that need a real PostgreSQL: where it is, whether it
 * answers, and a throwaway database per test.
 *
 * Without a reachable server the tests are ignored locally (with a note) but
 * run, and fail, when `CI` is set.
 *
 * @module
 */
import postgres from "postgres";
import type { Sql } from "./client.ts";

/** The server tests use: `DATABASE_URL`, else the local `test` database. */
export function postgresUrl(): string {
  return Deno.env.get("DATABASE_URL") ||
    "postgres://postgres@127.0.0.1:5432/test";
}

async function probe(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Whether {@link postgresUrl} answered at start-up. */
export const postgresAvailable: boolean = await probe(postgresUrl());

/** Pass as `ignore`: true only when Postgres is down and `CI` is unset. */
export const ignorePostgresTests: boolean = !postgresAvailable &&
  !Deno.env.get("CI");

if (ignorePostgresTests) {
  console.warn(
    `Note: no PostgreSQL at ${postgresUrl()}; its tests are ignored (set CI=1 to fail instead)`,
  );
}

/** A fresh, empty database on the test server, and how to drop it. */
export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Create a fresh, empty database on the test server. */
export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `storefront_test_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = postgres(postgresUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * Run `fn` against a fresh, empty database on the test server, dropped
 * afterwards whatever happens.
 */
export async function withTempDatabase<T>(
  fn: (sql: Sql, url: string) => Promise<T>,
): Promise<T> {
  const database = await createTempDatabase();
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  try {
    return await fn(sql, database.url);
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}
