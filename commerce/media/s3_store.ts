/**
 * The object store on any S3-compatible bucket (AWS S3, MinIO, Cloudflare
 * R2, Ceph, Wasabi...): path-style `PUT` and `GET` signed with Signature
 * Version 4, each call with a deadline and a few retries with backoff on
 * network errors, throttling and 5xx answers.
 *
 * @module
 */
import { backoffDelay, sleep, withDeadline } from "../../edge/resilience.ts";
import { MediaStoreUnavailableError } from "./errors.ts";
import { isMediaKey } from "./keys.ts";
import { EMPTY_SHA256, sha256Hex, signV4 } from "./sigv4.ts";
import type { MediaStore } from "./types.ts";

/** Where the bucket is and how to sign for it. */
export interface S3StoreOptions {
  /** The service's origin, e.g. `https://s3.eu-central-1.amazonaws.com`. */
  endpoint: string;
  bucket: string;
  /** `us-east-1` for MinIO's default, `auto` for R2. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Tests pass a fake's. */
  fetch?: typeof fetch;
  /** The clock requests are signed at. */
  now?: () => Date;
  /** Per attempt; 10 s by default. */
  timeoutMs?: number;
  /** Retries after the first attempt; 2 by default. */
  retries?: number;
  /** The first retry's delay, doubled for each next one; 200 ms by default. */
  retryBaseMs?: number;
}

// What a bucket (or a CDN in front of it) sends with an object: it never
// changes under its key.
const OBJECT_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** A {@link MediaStore} on an S3-compatible bucket. */
export function s3MediaStore(options: S3StoreOptions): MediaStore {
  const key = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: "s3",
  };
  const base = options.endpoint.replace(/\/+$/, "");
  const urlOf = (objectKey: string) =>
    new URL(`${base}/${encodeURIComponent(options.bucket)}/${objectKey}`);
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const retries = options.retries ?? 2;

  // One signed call, retried while the failure may pass. The request is
  // signed afresh per attempt (the date is part of the signature).
  async function call(
    method: "GET" | "PUT",
    objectKey: string,
    request: {
      headers?: Record<string, string>;
      body?: Uint8Array;
      payloadHash: string;
    },
  ): Promise<Response> {
    const url = urlOf(objectKey);
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        await sleep(backoffDelay(attempt - 1, options.retryBaseMs ?? 200));
      }
      const signed = await signV4(
        {
          method,
          url,
          headers: {
            ...request.headers,
            "x-amz-content-sha256": request.payloadHash,
          },
          payloadHash: request.payloadHash,
        },
        key,
        now(),
      );
      try {
        const response = await withDeadline(
          options.timeoutMs ?? 10_000,
          (signal) =>
            doFetch(url, {
              method,
              headers: signed.headers,
              body: request.body as Uint8Array<ArrayBuffer> | undefined,
              signal,
            }),
          {
            timeout: () =>
              new Error(
                `S3 ${method} timed out after ${
                  options.timeoutMs ?? 10_000
                } ms`,
              ),
          },
        );
        if (response.ok || response.status === 404) return response;
        const detail = await s3Error(response);
        lastError = new Error(
          `S3 ${method} answered ${response.status} ${detail}`,
        );
        if (response.status !== 429 && response.status < 500) break;
      } catch (error) {
        lastError = error;
      }
    }
    throw new MediaStoreUnavailableError(
      `The media store did not accept the ${method}`,
      lastError,
    );
  }

  return {
    kind: "s3",
    async put(objectKey, object) {
      if (!isMediaKey(objectKey)) {
        throw new Error(`Not a media key: '${objectKey}'`);
      }
      const response = await call("PUT", objectKey, {
        headers: {
          "content-type": object.contentType,
          "cache-control": OBJECT_CACHE_CONTROL,
        },
        body: object.body,
        payloadHash: await sha256Hex(object.body),
      });
      await response.body?.cancel();
      if (response.status === 404) {
        throw new MediaStoreUnavailableError(
          `The bucket '${options.bucket}' does not exist`,
        );
      }
    },
    async get(objectKey) {
      if (!isMediaKey(objectKey)) return null;
      const response = await call("GET", objectKey, {
        payloadHash: EMPTY_SHA256,
      });
      if (response.status === 404 || !response.body) {
        await response.body?.cancel();
        return null;
      }
      const length = response.headers.get("content-length");
      return {
        body: response.body,
        contentType: response.headers.get("content-type") ?? "",
        bytes: length === null ? null : Number(length),
      };
    },
  };
}

// S3 explains a refusal in XML: `<Code>SignatureDoesNotMatch</Code>`.
async function s3Error(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  return /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? "";
}
