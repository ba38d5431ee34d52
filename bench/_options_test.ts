import assert from "node:assert/strict";
import { DEFAULT_OPTIONS, OptionsError, parseOptions } from "./_options.ts";

Deno.test("parseOptions() falls back to 10 s, 50 connections, 2 s warm-up and 16 shoppers", () => {
  assert.deepEqual(parseOptions([]), DEFAULT_OPTIONS);
  assert.deepEqual(DEFAULT_OPTIONS, {
    duration: 10,
    connections: 50,
    warmup: 2,
    shoppers: 16,
  });
});

Deno.test("parseOptions() prefers flags to BENCH_* variables", () => {
  const env = {
    BENCH_DURATION: "3",
    BENCH_CONNECTIONS: "8",
    BENCH_WARMUP: "1",
    BENCH_SHOPPERS: "4",
  };
  assert.deepEqual(parseOptions([], env), {
    duration: 3,
    connections: 8,
    warmup: 1,
    shoppers: 4,
  });
  assert.deepEqual(
    parseOptions([
      "--duration=5s",
      "--connections",
      "20",
      "--warmup=0",
      "--shoppers=32",
    ], env),
    { duration: 5, connections: 20, warmup: 0, shoppers: 32 },
  );
});

Deno.test("parseOptions() rejects unusable values, naming the flag and value", () => {
  assert.throws(
    () => parseOptions(["--duration=0"]),
    new OptionsError(
      "Invalid --duration '0': expected a positive number of seconds",
    ),
  );
  assert.throws(
    () => parseOptions([], { BENCH_CONNECTIONS: "1.5" }),
    /Invalid --connections '1\.5'/,
  );
  assert.throws(
    () => parseOptions(["--shoppers=0"]),
    /Invalid --shoppers '0': expected a positive whole number/,
  );
  assert.throws(() => parseOptions(["--bogus"]), OptionsError);
});

Deno.test("parseOptions() answers 'help' to --help", () => {
  assert.equal(parseOptions(["--help"]), "help");
});
