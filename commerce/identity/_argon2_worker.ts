/// <reference lib="deno.worker" />
// Hashes passwords off the main thread for `_argon2_pool.ts`: the request
// loop keeps serving while argon2id spends its ~250 ms of CPU here.
import { argon2id } from "@noble/hashes/argon2.js";

self.onmessage = (event: MessageEvent) => {
  const { id, input, salt, options } = event.data;
  try {
    const output = argon2id(input, salt, options);
    self.postMessage({ id, output }, [output.buffer]);
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
