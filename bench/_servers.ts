/**
 * Start the servers under test as subprocesses, wait until they listen, read
 * their memory and stop them.
 *
 * @module
 */

/** How to start one server. */
export interface ServerSpec {
  /** A label for progress lines and results (`app`, `baseline`). */
  name: string;
  /** The script `deno run -A` runs, relative to `cwd`. */
  script: string;
  /** The working directory (the project root). */
  cwd: URL;
  /** Environment added to the bench's own; `PORT` is set by the bench. */
  env?: Record<string, string>;
  /** A path that must answer 2xx once the server says it listens. */
  readyPath: string;
  /** Give up if the ready line has not appeared after this many ms. */
  readyTimeoutMs?: number;
  /** Stop waiting (and stop the process) when this aborts, e.g. on Ctrl-C. */
  signal?: AbortSignal;
}

/** Resident memory of a process, in KiB, from `/proc/<pid>/status`. */
export interface Memory {
  /** `VmRSS`: resident set size now. */
  rssKib: number;
  /** `VmHWM`: the peak resident set size so far. */
  peakKib: number;
}

/** A running server: where it listens and how to stop it. */
export interface Server {
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  origin: string;
  /** The line the server printed when it started listening. */
  readyLine: string;
  /** Milliseconds from spawn to answering `readyPath`. */
  startMs: number;
  /** The last lines the server wrote, for error messages. */
  tail(): string[];
  /** Stop the server (SIGTERM, then SIGKILL after 5 s); safe to repeat. */
  stop(): Promise<void>;
}

const READY_MARKER = "listening on http://";
const TAIL_LINES = 30;

/** A TCP port on loopback that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/**
 * Read a process's resident memory, or `null` where `/proc` is unavailable
 * (not Linux) or the process has exited.
 */
export async function readMemory(pid: number): Promise<Memory | null> {
  let status;
  try {
    status = await Deno.readTextFile(`/proc/${pid}/status`);
  } catch {
    return null;
  }
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  const peak = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  if (!rss || !peak) return null;
  return { rssKib: Number(rss[1]), peakKib: Number(peak[1]) };
}

/**
 * Spawn `deno run -A <script>` with `PORT` set to a free port, wait for its
 * "listening on http://" line, then for `readyPath` to answer 2xx. On failure
 * the process is stopped and the error carries its last output lines.
 */
export async function startServer(spec: ServerSpec): Promise<Server> {
  const started = performance.now();
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", spec.script],
    cwd: spec.cwd,
    env: { ...spec.env, PORT: String(port) },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  const lines: string[] = [];
  let onReady: (line: string) => void = () => {};
  const ready = new Promise<string>((resolve) => onReady = resolve);
  function remember(line: string) {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    if (line.includes(READY_MARKER)) onReady(line);
  }
  // Both pipes are drained for the server's whole life so a chatty server
  // never blocks on a full pipe in the middle of a measurement.
  const drained = Promise.all([
    readLines(child.stdout, remember),
    readLines(child.stderr, remember),
  ]);

  let exited = false;
  const status = child.status.then((status) => {
    exited = true;
    return status;
  });

  const server: Server = {
    name: spec.name,
    pid: child.pid,
    origin: `http://127.0.0.1:${port}`,
    readyLine: "",
    startMs: 0,
    tail: () => [...lines],
    stop,
  };

  async function stop() {
    if (!exited) {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone between the check and the kill.
      }
      if (!await settlesWithin(status, 5_000)) {
        try {
          child.kill("SIGKILL");
        } catch {
          // Exited on its own after all.
        }
      }
    }
    await status;
    await drained;
  }

  const timeoutMs = spec.readyTimeoutMs ?? 60_000;
  try {
    const outcome = await raceWithTimeout<
      { line: string } | { status: Deno.CommandStatus } | { reason: unknown }
    >(
      [
        ready.then((line) => ({ line })),
        status.then((status) => ({ status })),
        aborted(spec.signal).then((reason) => ({ reason })),
      ],
      timeoutMs,
    );
    if (outcome && "reason" in outcome) throw outcome.reason;
    if (outcome === undefined) {
      throw new Error(
        `Server '${spec.name}' did not print "${READY_MARKER}" within ${timeoutMs} ms`,
      );
    }
    if ("status" in outcome) {
      throw new Error(
        `Server '${spec.name}' exited with code ${outcome.status.code} before listening`,
      );
    }
    server.readyLine = outcome.line.trim();
    await expectOk(`${server.origin}${spec.readyPath}`, {
      name: spec.name,
      signal: spec.signal,
    });
    server.startMs = Math.round(performance.now() - started);
    return server;
  } catch (error) {
    await stop();
    if (spec.signal?.aborted) throw error;
    const output = lines.length
      ? `\n  last output:\n    ${lines.join("\n    ")}`
      : "";
    throw new Error(`${(error as Error).message}${output}`, { cause: error });
  }
}

async function expectOk(
  url: string,
  { name, signal }: { name: string; signal?: AbortSignal },
) {
  const timeout = AbortSignal.timeout(10_000);
  const response = await fetch(url, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(
      `Server '${name}' answered ${response.status} on '${url}' after starting`,
    );
  }
}

async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
) {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    const parts = (pending + decoder.decode(chunk, { stream: true }))
      .split("\n");
    pending = parts.pop() ?? "";
    for (const part of parts) onLine(part.replace(/\r$/, ""));
  }
  pending += decoder.decode();
  if (pending) onLine(pending);
}

function aborted(signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(signal.reason), {
      once: true,
    })
  );
}

async function raceWithTimeout<T>(
  promises: Promise<T>[],
  ms: number,
): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([...promises, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number) {
  const settled = promise.then(() => true as const);
  return await raceWithTimeout([settled], ms) ?? false;
}
