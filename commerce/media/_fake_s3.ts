/**
 * A tiny S3 for tests, on a local port: path-style `PUT` and `GET` of
 * objects in one bucket, each request's Signature Version 4 checked the
 * way S3 checks it (credential scope, clock skew, payload hash, and the
 * signature recomputed from the headers it names), `403` otherwise.
 *
 * @module
 */
import {
  parseAuthorization,
  sha256Hex,
  signatureOf,
  type SigV4Key,
} from "./sigv4.ts";

/** A running fake and what it saw. */
export interface FakeS3 {
  /** Its origin: pass as the store's endpoint. */
  endpoint: string;
  objects: Map<string, { body: Uint8Array; contentType: string }>;
  /** Every request: method, path and the status answered. */
  requests: { method: string; path: string; status: number }[];
  /** Answer the next `count` requests with `status` (e.g. 503). */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Start a fake S3 holding `bucket`, accepting only `key`'s signatures. */
export function startFakeS3(
  options: { bucket: string; key: Omit<SigV4Key, "service"> },
): FakeS3 {
  const objects = new Map<string, { body: Uint8Array; contentType: string }>();
  const requests: FakeS3["requests"] = [];
  let failures = { count: 0, status: 503 };

  const error = (status: number, code: string) =>
    new Response(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`,
      { status, headers: { "content-type": "application/xml" } },
    );

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    if (failures.count > 0) {
      failures.count--;
      return error(failures.status, "ServiceUnavailable");
    }
    const auth = parseAuthorization(request.headers.get("authorization"));
    const date = request.headers.get("x-amz-date") ?? "";
    if (
      !auth || auth.accessKeyId !== options.key.accessKeyId ||
      auth.region !== options.key.region || auth.service !== "s3" ||
      auth.date !== date.slice(0, 8) ||
      !["host", "x-amz-content-sha256", "x-amz-date"]
        .every((name) => auth.signedHeaders.includes(name))
    ) {
      return error(403, "AccessDenied");
    }
    const at = Date.parse(
      date.replace(
        /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
        "$1-$2-$3T$4:$5:$6Z",
      ),
    );
    if (!(Math.abs(Date.now() - at) <= MAX_SKEW_MS)) {
      return error(403, "RequestTimeTooSkewed");
    }
    const payloadHash = request.headers.get("x-amz-content-sha256")!;
    if (payloadHash !== await sha256Hex(body)) {
      return error(400, "XAmzContentSHA256Mismatch");
    }
    const signed = Object.fromEntries(
      auth.signedHeaders.map((name) => [name, request.headers.get(name) ?? ""]),
    );
    const expected = await signatureOf(
      { method: request.method, url, headers: signed, payloadHash },
      { ...options.key, service: "s3" },
      date,
    );
    if (expected.signature !== auth.signature) {
      return error(403, "SignatureDoesNotMatch");
    }
    const [, bucket, ...rest] = url.pathname.split("/");
    if (bucket !== options.bucket) return error(404, "NoSuchBucket");
    const objectKey = decodeURIComponent(rest.join("/"));
    if (request.method === "PUT") {
      objects.set(objectKey, {
        body,
        contentType: request.headers.get("content-type") ?? "",
      });
      return new Response(null, {
        status: 200,
        headers: { etag: `"${payloadHash.slice(0, 32)}"` },
      });
    }
    if (request.method === "GET") {
      const object = objects.get(objectKey);
      if (!object) return error(404, "NoSuchKey");
      return new Response(object.body as Uint8Array<ArrayBuffer>, {
        headers: {
          "content-type": object.contentType,
          "content-length": String(object.body.length),
        },
      });
    }
    return error(405, "MethodNotAllowed");
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const response = await handle(request);
      requests.push({
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
      });
      return response;
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    objects,
    requests,
    failNext(count, status) {
      failures = { count, status };
    },
    close: () => server.shutdown(),
  };
}
