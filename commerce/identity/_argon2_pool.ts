/**
 * argon2id on worker threads. A running store turns the pool on (and off
 * when it closes); without it, hashing runs on the main thread with noble's
 * async variant, which yields every few milliseconds but still competes
 * with requests for that one thread.
 *
 * @module
 */

/** argon2id options as noble takes them. */
export interface Argon2Options {
  m: number;
  t: number;
  p: number;
  version: number;
  dkLen: number;
}

interface Job {
  id: number;
  input: Uint8Array;
  salt: Uint8Array;
  options: Argon2Options;
  resolve(output: Uint8Array): void;
  reject(error: Error): void;
}

let users = 0;
let size = 0;
const idle: Worker[] = [];
const all: Worker[] = [];
const queue: Job[] = [];
const running = new Map<number, Job>();
let nextId = 0;

/**
 * Turn the pool on for a store (`workers` threads, default: one per core
 * but one, at most four). Call {@link stopArgon2Pool} when it closes.
 */
export function startArgon2Pool(workers?: number): void {
  users++;
  size = workers ??
    Math.min(4, Math.max(1, (navigator.hardwareConcurrency ?? 2) - 1));
}

/** Give the pool back; the last user's release stops its threads. */
export function stopArgon2Pool(): void {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  for (const worker of all.splice(0)) worker.terminate();
  idle.length = 0;
  for (const job of [...queue.splice(0), ...running.values()]) {
    job.reject(new Error("The password hashing pool was stopped"));
  }
  running.clear();
}

/** Whether a store has the pool on. */
export function argon2PoolActive(): boolean {
  return users > 0;
}

/** argon2id of `input` on a worker thread. */
export function argon2idOnWorker(
  input: Uint8Array,
  options: { salt: Uint8Array; argon2: Argon2Options },
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    queue.push({
      id: nextId++,
      input,
      salt: options.salt,
      options: options.argon2,
      resolve,
      reject,
    });
    dispatch();
  });
}

function dispatch(): void {
  while (queue.length) {
    let worker = idle.pop();
    if (!worker && all.length < size) worker = spawn();
    if (!worker) return;
    const job = queue.shift()!;
    running.set(job.id, job);
    worker.postMessage({
      id: job.id,
      input: job.input,
      salt: job.salt,
      options: job.options,
    });
  }
}

function spawn(): Worker {
  const worker = new Worker(
    new URL("./_argon2_worker.ts", import.meta.url),
    { type: "module" },
  );
  worker.onmessage = (event: MessageEvent) => {
    const { id, output, error } = event.data;
    const job = running.get(id);
    running.delete(id);
    idle.push(worker);
    if (job) {
      if (error) job.reject(new Error(error));
      else job.resolve(new Uint8Array(output));
    }
    dispatch();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // A dead worker fails what it was doing and is replaced on demand.
    const index = all.indexOf(worker);
    if (index >= 0) all.splice(index, 1);
    for (const [id, job] of running) {
      running.delete(id);
      job.reject(new Error(`Password hashing failed: ${event.message}`));
    }
    dispatch();
  };
  all.push(worker);
  return worker;
}
