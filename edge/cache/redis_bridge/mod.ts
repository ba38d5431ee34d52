/**
 * An Upstash Redis REST API in front of a plain Redis, so `@upstash/redis`
 * (what the store uses in production) runs unchanged against a local Redis in
 * development and CI.
 *
 * The surface is the one `@upstash/redis` 1.39 uses, plus Upstash's path form
 * for curl:
 *
 * - `POST /` with a JSON array body (`["SET","k","v"]`): one command, answered
 *   `{"result": ...}` (200) or `{"error": "ERR ..."}` (400).
 * - `POST /pipeline` with an array of commands: answered with an array of
 *   `{"result"}` / `{"error"}`, one per command (200 even when some fail).
 * - `POST /multi-exec`: the same, run as one `MULTI`/`EXEC` transaction; a
 *   transaction Redis refuses (`EXECABORT`) is a 400 `{"error"}`.
 * - `GET /set/foo/bar` (also `HEAD`, and `POST`/`PUT` with the body appended as
 *   the last argument and query parameters after it).
 * - `Authorization: Bearer <token>` or `?_token=<token>`; otherwise 401
 *   `{"error":"Unauthorized"}`.
 * - `Upstash-Encoding: base64`: every string in the result is base64 of its
 *   exact bytes, except a top-level `OK` status; integers and null are as is.
 *   Without it strings are UTF-8 text.
 *
 * Blocking commands and commands that change the state of the one shared
 * connection (`SELECT`, `MULTI`, `SUBSCRIBE`, `HELLO`, ...) are refused with a
 * 400. Telemetry headers and `upstash-sync-token` are accepted and ignored:
 * with one Redis, every read already sees earlier writes.
 *
 * @module
 */
import { z } from "zod";
import {
  RedisConnectionError,
  RedisReplyError,
  type RespArg,
  RespClient,
  type RespValue,
} from "./resp.ts";

export {
  redactRedisUrl,
  RedisConnectionError,
  RedisReplyError,
  RespClient,
} from "./resp.ts";

/** Options of {@link createRedisBridge}. */
export interface RedisBridgeOptions {
  /** The Redis to forward to: `redis://[:password@]host:port[/db]`. */
  redisUrl: string;
  /** The bearer token clients must present. */
  token: string;
}

/**
 * The bridge's fetch handler (pass it to `Deno.serve`), with `close()` to
 * release its Redis connection.
 */
export interface RedisBridge {
  (req: Request): Promise<Response>;
  /** Close the Redis connection; later requests answer 502. */
  close(): Promise<void>;
}

const CommandArg = z.union([z.string(), z.number(), z.boolean()]);
const Command = z.array(CommandArg).min(1, "a command cannot be empty");
const Commands = z.array(Command).min(1, "send at least one command");

/** A request the bridge refuses before touching Redis. */
class BridgeRequestError extends Error {
  readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.name = "BridgeRequestError";
    this.status = status;
  }
}

const BLOCKING = new Set([
  "BLPOP",
  "BRPOP",
  "BRPOPLPUSH",
  "BLMOVE",
  "BLMPOP",
  "BZPOPMIN",
  "BZPOPMAX",
  "BZMPOP",
  "WAIT",
  "WAITAOF",
]);

const SUBSCRIBING = new Set([
  "SUBSCRIBE",
  "PSUBSCRIBE",
  "SSUBSCRIBE",
  "UNSUBSCRIBE",
  "PUNSUBSCRIBE",
  "SUNSUBSCRIBE",
  "MONITOR",
  "SYNC",
  "PSYNC",
]);

// Each would change or break the one connection every request shares.
const CONNECTION_STATE = new Set([
  "SELECT",
  "AUTH",
  "HELLO",
  "RESET",
  "QUIT",
  "MULTI",
  "EXEC",
  "DISCARD",
  "WATCH",
  "UNWATCH",
]);

/**
 * Create the Upstash REST handler for the Redis at `options.redisUrl`. It
 * connects lazily and reconnects after a drop; see the module doc for the
 * exact surface.
 */
export function createRedisBridge(options: RedisBridgeOptions): RedisBridge {
  const client = new RespClient(options.redisUrl);
  const expected = new TextEncoder().encode(`Bearer ${options.token}`);

  async function handleRedisBridgeRequest(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (!isAuthorized(req, url, expected)) {
      return json({ error: "Unauthorized" }, 401);
    }
    const base64 = req.headers.get("upstash-encoding")?.toLowerCase() ===
      "base64";
    try {
      const route = url.pathname.replace(/\/+$/, "");
      if (route === "/pipeline" || route === "/multi-exec") {
        if (req.method !== "POST" && req.method !== "PUT") {
          throw new BridgeRequestError(
            `Method ${req.method} is not allowed on ${route}; use POST`,
            405,
          );
        }
        const commands = parseBody(await req.text(), Commands);
        commands.forEach(assertSupported);
        return route === "/pipeline"
          ? await runPipeline(client, commands, base64)
          : await runTransaction(client, commands, base64);
      }
      const command = await readCommand(req, url);
      assertSupported(command);
      const [reply] = await client.pipeline([command]);
      return reply instanceof RedisReplyError
        ? json({ error: reply.message }, 400)
        : json({ result: toJson(reply, base64, true) });
    } catch (error) {
      if (error instanceof BridgeRequestError) {
        return json({ error: error.message }, error.status);
      }
      if (error instanceof RedisConnectionError) {
        return json(
          { error: `ERR Redis is unavailable: ${error.message}` },
          502,
        );
      }
      console.error("Redis bridge failed on a request:", error);
      return json({ error: "ERR Internal bridge error" }, 500);
    }
  }

  return Object.assign(handleRedisBridgeRequest, {
    close: () => client.close(),
  });
}

function isAuthorized(req: Request, url: URL, expected: Uint8Array): boolean {
  const header = req.headers.get("authorization") ??
    `Bearer ${url.searchParams.get("_token") ?? ""}`;
  const given = new TextEncoder().encode(header);
  // Compare every byte so the time taken says nothing about the token.
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= (given[i] ?? 0) ^ expected[i];
  }
  return diff === 0;
}

async function readCommand(req: Request, url: URL): Promise<string[]> {
  const segments = url.pathname.split("/").filter(Boolean).map(
    decodeSegment,
  );
  if (!["GET", "HEAD", "POST", "PUT"].includes(req.method)) {
    throw new BridgeRequestError(`Method ${req.method} is not allowed`, 405);
  }
  if (segments.length === 0) {
    if (req.method !== "POST" && req.method !== "PUT") {
      throw new BridgeRequestError(
        'ERR No command: POST a JSON array such as ["PING"] or use a path such as /ping',
      );
    }
    return parseBody(await req.text(), Command).map(String);
  }
  const command = segments;
  if (req.method === "POST" || req.method === "PUT") {
    const body = await req.text();
    if (body !== "") command.push(body);
  }
  for (const [name, value] of url.searchParams) {
    if (name === "_token") continue;
    command.push(name);
    if (value !== "") command.push(value);
  }
  return command;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BridgeRequestError(
      `ERR Invalid percent-encoding in path segment '${segment}'`,
    );
  }
}

function parseBody<T extends z.ZodType>(text: string, schema: T): z.infer<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BridgeRequestError("ERR Invalid JSON in request body");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at [${issue.path.join("][")}]` : "";
    throw new BridgeRequestError(
      `ERR Invalid command${where}: ${issue.message} (a command is a JSON array of strings, numbers or booleans)`,
    );
  }
  return parsed.data;
}

function assertSupported(command: (string | number | boolean)[]): void {
  const name = String(command[0]).toUpperCase();
  const sub = String(command[1] ?? "").toUpperCase();
  const blocks = BLOCKING.has(name) ||
    ((name === "XREAD" || name === "XREADGROUP") &&
      command.some((arg) => String(arg).toUpperCase() === "BLOCK"));
  if (blocks) {
    throw new BridgeRequestError(
      `ERR Blocking command '${name}' is not supported by the REST bridge`,
    );
  }
  if (SUBSCRIBING.has(name)) {
    throw new BridgeRequestError(
      `ERR Command '${name}' is not supported by the REST bridge: it needs a connection of its own`,
    );
  }
  if (CONNECTION_STATE.has(name) || (name === "CLIENT" && sub === "REPLY")) {
    throw new BridgeRequestError(
      `ERR Command '${name}' is not supported by the REST bridge: it changes the state of the shared connection${
        name === "MULTI" || name === "EXEC"
          ? " (POST the commands to /multi-exec instead)"
          : ""
      }`,
    );
  }
}

async function runPipeline(
  client: RespClient,
  commands: (string | number | boolean)[][],
  base64: boolean,
): Promise<Response> {
  const replies = await client.pipeline(commands.map(toArgs));
  return json(replies.map((reply) => toEntry(reply, base64)));
}

async function runTransaction(
  client: RespClient,
  commands: (string | number | boolean)[][],
  base64: boolean,
): Promise<Response> {
  const replies = await client.pipeline([
    ["MULTI"],
    ...commands.map(toArgs),
    ["EXEC"],
  ]);
  const exec = replies[replies.length - 1];
  if (exec instanceof RedisReplyError) {
    const queued = replies.slice(1, -1);
    const index = queued.findIndex((reply) => reply instanceof RedisReplyError);
    const reason = index >= 0
      ? ` (command ${index + 1}: ${(queued[index] as RedisReplyError).message})`
      : "";
    return json({ error: `${exec.message}${reason}` }, 400);
  }
  if (!Array.isArray(exec)) {
    return json({ error: "ERR Transaction was aborted" }, 400);
  }
  return json(exec.map((reply) => toEntry(reply, base64)));
}

function toArgs(command: (string | number | boolean)[]): RespArg[] {
  return command.map(String);
}

function toEntry(
  reply: RespValue,
  base64: boolean,
): { result: unknown } | { error: string } {
  return reply instanceof RedisReplyError
    ? { error: reply.message }
    : { result: toJson(reply, base64, true) };
}

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** A reply as Upstash renders it in JSON. */
function toJson(reply: RespValue, base64: boolean, topLevel: boolean): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (reply instanceof RedisReplyError) {
    return toJson(reply.message, base64, false);
  }
  if (Array.isArray(reply)) {
    return reply.map((item) => toJson(item, base64, false));
  }
  if (typeof reply === "string") {
    // Upstash leaves a top-level OK status readable; the client relies on it.
    if (!base64 || (topLevel && reply === "OK")) return reply;
    return textEncoder.encode(reply).toBase64();
  }
  return base64 ? reply.toBase64() : textDecoder.decode(reply);
}

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}
