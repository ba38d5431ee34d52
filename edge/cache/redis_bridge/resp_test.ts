import assert from "node:assert/strict";
import {
  encodeCommands,
  parseRedisUrl,
  redactRedisUrl,
  RedisConnectionError,
  RedisReplyError,
  RespClient,
  RespParser,
  type RespValue,
} from "./resp.ts";
import {
  deleteKeysContaining,
  ignoreRedisTests,
  redisUrl,
  uniquePrefix,
} from "./_test_util.ts";

const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);

function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((part) =>
    typeof part === "string" ? text(part) : part
  );
  const out = new Uint8Array(bytes.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of bytes) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Feed `bytes` in chunks of `size` and collect every reply. */
function parseChunked(bytes: Uint8Array, size: number): RespValue[] {
  const parser = new RespParser();
  const replies: RespValue[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    replies.push(...parser.push(bytes.subarray(i, i + size)));
  }
  return replies;
}

const binary = new Uint8Array([0, 255, 13, 10, 36, 42, 128, 13]);
Deno.test("`RespParser` parses every reply type, one byte at a time", () => {
  const bytes = concat(
    "+OK\r\n",
    "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ":-42\r\n",
    ":1700000000000\r\n",
    `$${text("héllo 🎉").length}\r\n`,
    text("héllo 🎉"),
    "\r\n",
    "$0\r\n\r\n",
    "$-1\r\n",
    "*-1\r\n",
    "*0\r\n",
    `$${binary.length}\r\n`,
    binary,
    "\r\n",
    "*3\r\n:1\r\n*2\r\n$1\r\na\r\n*1\r\n$-1\r\n-ERR inner\r\n",
  );
  for (const size of [1, 2, 3, 7, bytes.length]) {
    const replies = parseChunked(bytes, size);
    assert.equal(replies.length, 11, `chunk size ${size}`);
    const [ok, error, negative, big, utf8, empty, nullBulk, nullArray] =
      replies;
    assert.equal(ok, "OK");
    assert.ok(error instanceof RedisReplyError);
    assert.equal(error.code, "WRONGTYPE");
    assert.match(error.message, /^WRONGTYPE Operation/);
    assert.equal(negative, -42);
    assert.equal(big, 1700000000000);
    assert.deepEqual(utf8, text("héllo 🎉"));
    assert.deepEqual(empty, new Uint8Array());
    assert.equal(nullBulk, null);
    assert.equal(nullArray, null);
    assert.deepEqual(replies[8], []);
    assert.deepEqual(replies[9], binary);
    const nested = replies[10] as RespValue[];
    assert.equal(nested[0], 1);
    assert.deepEqual(nested[1], [text("a"), [null]]);
    assert.ok(nested[2] instanceof RedisReplyError);
    assert.equal((nested[2] as RedisReplyError).message, "ERR inner");
  }
});

Deno.test("`RespParser` keeps a large bulk string split across reads exact", () => {
  const value = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
  const bytes = concat(`$${value.length}\r\n`, value, "\r\n", ":7\r\n");
  const parser = new RespParser();
  // A cut inside the header, one inside the value and one inside the CRLF.
  assert.deepEqual(parser.push(bytes.subarray(0, 3)), []);
  assert.deepEqual(parser.push(bytes.subarray(3, 100_000)), []);
  assert.deepEqual(parser.push(bytes.subarray(100_000, bytes.length - 5)), []);
  const replies = parser.push(bytes.subarray(bytes.length - 5));
  assert.equal(replies.length, 2);
  assert.deepEqual(replies[0], value);
  assert.equal(replies[1], 7);
});

Deno.test("`RespParser` rejects bytes that are not RESP2", () => {
  assert.throws(() => new RespParser().push(text("?what")), TypeError);
  assert.throws(() => new RespParser().push(text(":abc\r\n")), TypeError);
});

Deno.test("`encodeCommands()` writes arrays of bulk strings back to back", () => {
  const bytes = encodeCommands([
    ["SET", "k", "é"],
    ["GET", new Uint8Array([0, 255])],
  ]);
  assert.deepEqual(
    bytes,
    concat(
      "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n",
      text("é"),
      "\r\n*2\r\n$3\r\nGET\r\n$2\r\n",
      new Uint8Array([0, 255]),
      "\r\n",
    ),
  );
});

Deno.test("`parseRedisUrl()` reads password, port and database", () => {
  assert.deepEqual(parseRedisUrl("redis://:s%40cret@cache.internal:6380/2"), {
    hostname: "cache.internal",
    port: 6380,
    username: undefined,
    password: "s@cret",
    db: 2,
  });
  assert.deepEqual(parseRedisUrl("redis://[::1]"), {
    hostname: "::1",
    port: 6379,
    username: undefined,
    password: undefined,
    db: 0,
  });
  assert.throws(() => parseRedisUrl("http://localhost"), TypeError);
  assert.throws(() => parseRedisUrl("redis://localhost/x"), TypeError);
  assert.equal(
    redactRedisUrl("redis://:secret@localhost:6379"),
    "redis://:***@localhost:6379",
  );
});

Deno.test({
  name: "`RespClient` sends commands and pipelines with errors as values",
  ignore: ignoreRedisTests,
  async fn() {
    const prefix = uniquePrefix();
    const client = new RespClient(redisUrl());
    try {
      assert.equal(await client.send(["PING"]), "PONG");
      const replies = await client.pipeline([
        ["SET", `${prefix}a`, new Uint8Array([0, 255, 10])],
        ["INCR", `${prefix}a`],
        ["GET", `${prefix}a`],
        ["MGET", `${prefix}a`, `${prefix}missing`],
      ]);
      assert.equal(replies[0], "OK");
      assert.ok(replies[1] instanceof RedisReplyError);
      assert.deepEqual(replies[2], new Uint8Array([0, 255, 10]));
      assert.deepEqual(replies[3], [new Uint8Array([0, 255, 10]), null]);
      await assert.rejects(
        client.send(["INCR", `${prefix}a`]),
        (error) => error instanceof RedisReplyError && error.code === "ERR",
      );
    } finally {
      await deleteKeysContaining(prefix);
      await client.close();
    }
  },
});

Deno.test({
  name: "`RespClient` keeps concurrent transactions whole",
  ignore: ignoreRedisTests,
  async fn() {
    const prefix = uniquePrefix();
    const key = `${prefix}counter`;
    const client = new RespClient(redisUrl());
    try {
      const results = await Promise.all(
        Array.from(
          { length: 50 },
          (_, i) =>
            i % 2 === 0
              ? client.pipeline([["MULTI"], ["INCR", key], ["GET", key], [
                "EXEC",
              ]])
              : client.pipeline([["INCR", key]]),
        ),
      );
      for (const replies of results) {
        if (replies.length === 1) continue;
        const [count, value] = replies[3] as [number, Uint8Array];
        assert.equal(new TextDecoder().decode(value), String(count));
      }
      assert.deepEqual(await client.send(["GET", key]), encoder.encode("50"));
    } finally {
      await deleteKeysContaining(prefix);
      await client.close();
    }
  },
});

Deno.test({
  name: "`RespClient` reconnects after the connection drops",
  ignore: ignoreRedisTests,
  async fn() {
    const client = new RespClient(redisUrl());
    const admin = new RespClient(redisUrl());
    try {
      const id = await client.send(["CLIENT", "ID"]) as number;
      assert.equal(await admin.send(["CLIENT", "KILL", "ID", String(id)]), 1);
      // The kill is noticed by the read loop; a command racing it may fail.
      let reply: RespValue | undefined;
      for (let attempt = 0; attempt < 3 && reply === undefined; attempt++) {
        try {
          reply = await client.send(["CLIENT", "ID"]);
        } catch (error) {
          assert.ok(error instanceof RedisConnectionError);
        }
      }
      assert.equal(typeof reply, "number");
      assert.notEqual(reply, id);
    } finally {
      await client.close();
      await admin.close();
    }
  },
});

Deno.test({
  name: "`RespClient` selects the database named in the URL",
  ignore: ignoreRedisTests,
  async fn() {
    const url = new URL(redisUrl());
    url.pathname = "/3";
    const client = new RespClient(url.href);
    try {
      const info = new TextDecoder().decode(
        await client.send(["CLIENT", "INFO"]) as Uint8Array,
      );
      assert.match(info, / db=3 /);
    } finally {
      await client.close();
    }
  },
});

Deno.test("`RespClient` fails with `RedisConnectionError` when Redis is unreachable", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const client = new RespClient(`redis://127.0.0.1:${port}`);
  try {
    await assert.rejects(client.send(["PING"]), RedisConnectionError);
  } finally {
    await client.close();
  }
  await assert.rejects(client.send(["PING"]), /closed/);
});
