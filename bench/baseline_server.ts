/**
 * The baseline for `deno task bench`: a bare `Deno.serve` hello world on
 * loopback, with no framework, middleware or database. The bench starts it as
 * a subprocess with `PORT` set and waits for the "listening on" line, exactly
 * as it does for the store, so the two are measured the same way.
 *
 * @module
 */

const bodies = new Map<number, Uint8Array<ArrayBuffer>>();
const MAX_BYTES = 1_000_000;

/**
 * Answer with a short plain-text body, or at `/bytes/{n}` with `n` bytes of
 * text: what sending a body the size of a page costs a bare server (and the
 * load generator reading it), to compare pages with.
 */
export function hello(request: Request): Response {
  const match = /^\/bytes\/(\d+)$/.exec(new URL(request.url).pathname);
  const size = match ? Number(match[1]) : NaN;
  if (size <= MAX_BYTES) {
    let body = bodies.get(size);
    if (!body) bodies.set(size, body = new Uint8Array(size).fill(120));
    return new Response(body, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response("Hello, world!\n", {
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? "8001");
  Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen({ hostname, port }) {
      console.log(`baseline listening on http://${hostname}:${port}/`);
    },
  }, hello);
}
