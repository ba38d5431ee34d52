/**
 * A small RESP2 client for one Redis server over `Deno.connect`.
 *
 * Commands travel as batches: every batch is encoded into one buffer and
 * written contiguously on the single connection, and replies are matched to
 * batches in order. A batch of `MULTI`, commands and `EXEC` therefore reaches
 * Redis without another request's commands in between, while independent
 * batches still pipeline instead of waiting for each other's round trip.
 *
 * @module
 */

/** An argument of a Redis command: text (sent as UTF-8) or raw bytes. */
export type RespArg = string | Uint8Array;

/**
 * A parsed RESP2 reply: a simple string as `string`, a bulk string as its
 * bytes (`Uint8Array`, so binary values survive exactly), an integer as
 * `number`, a null bulk string or null array as `null`, an error reply as a
 * {@link RedisReplyError} and an array as an array of replies.
 */
export type RespValue =
  | string
  | number
  | null
  | Uint8Array
  | RedisReplyError
  | RespValue[];

/**
 * An error reply from Redis (`-ERR ...`). Pipeline results carry it as a
 * value; {@linkcode RespClient.send} throws it.
 */
export class RedisReplyError extends Error {
  /** The error's first word, e.g. `ERR`, `WRONGTYPE` or `NOSCRIPT`. */
  readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = "RedisReplyError";
    this.code = message.split(" ", 1)[0];
  }
}

/**
 * Redis could not be reached, or the connection dropped before the replies of
 * a batch arrived (so whether that batch ran is unknown).
 */
export class RedisConnectionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RedisConnectionError";
  }
}

/** The parts of a `redis://[[user]:password@]host[:port][/db]` URL. */
export interface RedisAddress {
  hostname: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
}

/**
 * Parse a `redis://` URL. Throws a `TypeError` naming the URL (without its
 * password) when it is not one.
 */
export function parseRedisUrl(url: string): RedisAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new TypeError(`Invalid Redis URL '${url}'`, { cause });
  }
  if (parsed.protocol !== "redis:") {
    throw new TypeError(
      `Invalid Redis URL '${redactRedisUrl(url)}': only redis:// is supported`,
    );
  }
  const dbPath = parsed.pathname.replace(/^\//, "");
  const db = dbPath === "" ? 0 : Number(dbPath);
  if (!Number.isInteger(db) || db < 0) {
    throw new TypeError(
      `Invalid Redis URL '${
        redactRedisUrl(url)
      }': '${dbPath}' is not a database number`,
    );
  }
  return {
    // URL keeps the brackets of an IPv6 literal; Deno.connect wants it bare.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1",
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    username: parsed.username === ""
      ? undefined
      : decodeURIComponent(parsed.username),
    password: parsed.password === ""
      ? undefined
      : decodeURIComponent(parsed.password),
    db,
  };
}

/** The URL with its password replaced by `***`, safe to print or log. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.href;
  } catch {
    return "<invalid URL>";
  }
}

const encoder = new TextEncoder();
const CRLF = new Uint8Array([13, 10]);

/** Encode commands as RESP2 arrays of bulk strings, back to back. */
export function encodeCommands(commands: RespArg[][]): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (part: Uint8Array) => {
    parts.push(part);
    length += part.length;
  };
  for (const command of commands) {
    push(encoder.encode(`*${command.length}\r\n`));
    for (const arg of command) {
      const bytes = typeof arg === "string" ? encoder.encode(arg) : arg;
      push(encoder.encode(`$${bytes.length}\r\n`));
      push(bytes);
      push(CRLF);
    }
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const decoder = new TextDecoder();
const INCOMPLETE: unique symbol = Symbol("incomplete");
// '+', '-', ':', '$' and '*': the RESP2 reply types.
const TYPE_BYTES = new Set([0x2b, 0x2d, 0x3a, 0x24, 0x2a]);

/**
 * An incremental RESP2 parser: feed it bytes as they arrive, in chunks of any
 * size, and it returns every reply completed so far.
 */
export class RespParser {
  #buffer = new Uint8Array(16 * 1024);
  #start = 0;
  #end = 0;

  /**
   * Append a chunk and return the replies it completes, in order. Throws a
   * `TypeError` on bytes that are not RESP2.
   */
  push(chunk: Uint8Array): RespValue[] {
    this.#append(chunk);
    const replies: RespValue[] = [];
    while (this.#start < this.#end) {
      const parsed = this.#parse(this.#start);
      if (parsed === INCOMPLETE) break;
      replies.push(parsed.value);
      this.#start = parsed.next;
    }
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return replies;
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#end - this.#start + chunk.length;
    if (this.#end + chunk.length > this.#buffer.length) {
      if (needed <= this.#buffer.length / 2) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        const grown = new Uint8Array(Math.max(needed * 2, 16 * 1024));
        grown.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = grown;
      }
      this.#end -= this.#start;
      this.#start = 0;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /** The index of the `\r` ending the line that starts at `from`. */
  #lineEnd(from: number): number | typeof INCOMPLETE {
    for (let i = from; i + 1 < this.#end; i++) {
      if (this.#buffer[i] === 13 && this.#buffer[i + 1] === 10) return i;
    }
    return INCOMPLETE;
  }

  #parse(
    at: number,
  ): { value: RespValue; next: number } | typeof INCOMPLETE {
    const type = this.#buffer[at];
    // Checked before looking for the line end, so garbage fails at once
    // instead of buffering forever.
    if (!TYPE_BYTES.has(type)) {
      throw new TypeError(`Invalid RESP2 reply: unexpected type byte ${type}`);
    }
    const lineEnd = this.#lineEnd(at + 1);
    if (lineEnd === INCOMPLETE) return INCOMPLETE;
    const line = decoder.decode(this.#buffer.subarray(at + 1, lineEnd));
    const afterLine = lineEnd + 2;
    switch (type) {
      case 0x2b: // '+'
        return { value: line, next: afterLine };
      case 0x2d: // '-'
        return { value: new RedisReplyError(line), next: afterLine };
      case 0x3a: // ':'
        return { value: parseLength(line), next: afterLine };
      case 0x24: { // '$'
        const length = parseLength(line);
        if (length < 0) return { value: null, next: afterLine };
        const next = afterLine + length + 2;
        if (next > this.#end) return INCOMPLETE;
        return {
          value: this.#buffer.slice(afterLine, afterLine + length),
          next,
        };
      }
    }
    // '*': an array of `count` replies.
    const count = parseLength(line);
    if (count < 0) return { value: null, next: afterLine };
    const items: RespValue[] = [];
    let next = afterLine;
    for (let i = 0; i < count; i++) {
      if (next >= this.#end) return INCOMPLETE;
      const item = this.#parse(next);
      if (item === INCOMPLETE) return INCOMPLETE;
      items.push(item.value);
      next = item.next;
    }
    return { value: items, next };
  }
}

function parseLength(text: string): number {
  const value = Number(text);
  if (text === "" || !Number.isInteger(value)) {
    throw new TypeError(`Invalid RESP2 reply: '${text}' is not an integer`);
  }
  return value;
}

interface PendingBatch {
  count: number;
  replies: RespValue[];
  resolve(replies: RespValue[]): void;
  reject(error: Error): void;
}

/** One TCP connection: serialized writes, replies matched to batches FIFO. */
class Connection {
  readonly #conn: Deno.TcpConn;
  readonly #parser = new RespParser();
  readonly #pending: PendingBatch[] = [];
  readonly #onClosed: () => void;
  readonly #done: Promise<void>;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(conn: Deno.TcpConn, onClosed: () => void) {
    this.#conn = conn;
    this.#onClosed = onClosed;
    this.#done = this.#readLoop();
  }

  exchange(commands: RespArg[][]): Promise<RespValue[]> {
    if (this.#closed) {
      return Promise.reject(new RedisConnectionError("Connection is closed"));
    }
    const bytes = encodeCommands(commands);
    return new Promise((resolve, reject) => {
      // Queue the batch and its write in the same tick so reply order matches
      // write order.
      this.#pending.push({
        count: commands.length,
        replies: [],
        resolve,
        reject,
      });
      this.#writing = this.#writing
        .then(() => this.#writeAll(bytes))
        .catch((error) => this.#fail(error));
    });
  }

  async close(): Promise<void> {
    this.#fail(new RedisConnectionError("Connection is closed"));
    await this.#done;
    await this.#writing;
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    if (this.#closed) return;
    let offset = 0;
    while (offset < bytes.length) {
      offset += await this.#conn.write(bytes.subarray(offset));
    }
  }

  async #readLoop(): Promise<void> {
    const chunk = new Uint8Array(64 * 1024);
    try {
      while (!this.#closed) {
        const read = await this.#conn.read(chunk);
        if (read === null) {
          throw new RedisConnectionError("Redis closed the connection");
        }
        for (const reply of this.#parser.push(chunk.subarray(0, read))) {
          this.#deliver(reply);
        }
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  #deliver(reply: RespValue): void {
    const batch = this.#pending[0];
    if (!batch) {
      throw new RedisConnectionError("Redis sent a reply nobody asked for");
    }
    batch.replies.push(reply);
    if (batch.replies.length === batch.count) {
      this.#pending.shift();
      batch.resolve(batch.replies);
    }
  }

  #fail(cause: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // Already closed by the peer or a failed read.
    }
    const error = cause instanceof RedisConnectionError
      ? cause
      : new RedisConnectionError(
        `Redis connection failed: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
        { cause },
      );
    for (const batch of this.#pending.splice(0)) batch.reject(error);
    this.#onClosed();
  }
}

/** Options of {@link RespClient}. */
export interface RespClientOptions {
  /** Give up connecting after this many milliseconds (default 2000). */
  connectTimeoutMs?: number;
}

/**
 * A RESP2 client for one Redis URL over a single lazily opened connection.
 *
 * A dropped connection fails the batches in flight with
 * {@link RedisConnectionError}; the next call connects again (and repeats
 * `AUTH` and `SELECT` from the URL).
 */
export class RespClient {
  readonly #address: RedisAddress;
  readonly #url: string;
  readonly #connectTimeoutMs: number;
  #connection: Connection | null = null;
  #connecting: Promise<Connection> | null = null;
  #closed = false;

  constructor(url: string, options: RespClientOptions = {}) {
    this.#address = parseRedisUrl(url);
    this.#url = redactRedisUrl(url);
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 2000;
  }

  /**
   * Send one command and return its reply; an error reply is thrown as a
   * {@link RedisReplyError}.
   */
  async send(command: RespArg[]): Promise<RespValue> {
    const [reply] = await this.pipeline([command]);
    if (reply instanceof RedisReplyError) throw reply;
    return reply;
  }

  /**
   * Send commands in one write and return their replies in order; error
   * replies are returned as {@link RedisReplyError} values, not thrown. No
   * other caller's command lands between them, so
   * `[["MULTI"], ..., ["EXEC"]]` is a transaction.
   */
  async pipeline(commands: RespArg[][]): Promise<RespValue[]> {
    if (commands.length === 0) return [];
    const connection = await this.#connect();
    return await connection.exchange(commands);
  }

  /** Close the connection; later calls reject. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#connecting?.catch(() => {});
    await this.#connection?.close();
  }

  #connect(): Promise<Connection> {
    if (this.#closed) {
      return Promise.reject(new RedisConnectionError("Client is closed"));
    }
    if (this.#connection) return Promise.resolve(this.#connection);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #open(): Promise<Connection> {
    const { hostname, port, username, password, db } = this.#address;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#connectTimeoutMs);
    let conn: Deno.TcpConn;
    try {
      conn = await Deno.connect({ hostname, port, signal: abort.signal });
    } catch (cause) {
      throw new RedisConnectionError(
        `Cannot connect to Redis at '${this.#url}': ${
          abort.signal.aborted
            ? `no answer within ${this.#connectTimeoutMs} ms`
            : cause instanceof Error
            ? cause.message
            : String(cause)
        }`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
    const connection = new Connection(conn, () => {
      if (this.#connection === connection) this.#connection = null;
    });
    const handshake: RespArg[][] = [];
    if (password !== undefined) {
      handshake.push(
        username ? ["AUTH", username, password] : ["AUTH", password],
      );
    }
    if (db !== 0) handshake.push(["SELECT", String(db)]);
    try {
      const replies = handshake.length === 0
        ? []
        : await connection.exchange(handshake);
      const failed = replies.find((reply) => reply instanceof RedisReplyError);
      if (failed) throw failed;
      if (this.#closed) throw new RedisConnectionError("Client is closed");
    } catch (error) {
      await connection.close();
      throw error;
    }
    this.#connection = connection;
    return connection;
  }
}
