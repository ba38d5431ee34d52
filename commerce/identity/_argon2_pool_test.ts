import assert from "node:assert/strict";
import { startArgon2Pool, stopArgon2Pool } from "./_argon2_pool.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

Deno.test("hashes made on worker threads verify on the main thread, and back", async () => {
  startArgon2Pool(2);
  let onWorker: string;
  try {
    onWorker = await hashPassword("worker-made passphrase");
  } finally {
    stopArgon2Pool();
  }
  assert.equal(await verifyPassword("worker-made passphrase", onWorker), true);
  const onMain = await hashPassword("main-made passphrase");
  startArgon2Pool(1);
  try {
    assert.equal(await verifyPassword("main-made passphrase", onMain), true);
    assert.equal(await verifyPassword("wrong", onMain), false);
  } finally {
    stopArgon2Pool();
  }
});

Deno.test("with the pool, a burst of hashes leaves the main thread free", async () => {
  startArgon2Pool(1);
  try {
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 2);
    const started = performance.now();
    await Promise.all(
      Array.from(
        { length: 4 },
        (_, i) => hashPassword(`burst passphrase ${i}`),
      ),
    );
    const total = performance.now() - started;
    clearInterval(timer);
    // Four hashes queue on one worker (~1 s); the main thread only relays
    // messages, so its timer keeps ticking at its pace throughout.
    assert.ok(gaps.length > 20, `${gaps.length} ticks in ${total} ms`);
    assert.ok(
      Math.max(...gaps) < total / 10,
      `longest stall ${Math.max(...gaps).toFixed(1)} ms of ${
        total.toFixed(0)
      } ms`,
    );
  } finally {
    stopArgon2Pool();
  }
});

Deno.test("stopping the pool fails what it still had queued", async () => {
  startArgon2Pool(1);
  const pending = Promise.allSettled([
    hashPassword("queued passphrase one"),
    hashPassword("queued passphrase two"),
  ]);
  stopArgon2Pool();
  const results = await pending;
  assert.ok(results.every((r) => r.status === "rejected"));
});
