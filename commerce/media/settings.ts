/**
 * The media part of the store's configuration, and the store it selects:
 * local disk under `DATA_DIR` by default (memory for `memory://`), an
 * S3-compatible bucket with `MEDIA_STORE=s3` and its five `S3_*` settings.
 *
 * `MEDIA_ENV` is meant to be merged into the config schema and
 * {@link checkMediaSettings} called from its `superRefine`, so a half-set
 * S3 configuration stops the store at start-up with a message naming what
 * is missing. Until then {@link mediaFor} reads whatever of these fields
 * the config object has, with the same defaults.
 *
 * @module
 */
import { z } from "zod";
import { localMediaStore, memoryMediaStore } from "./local_store.ts";
import { s3MediaStore } from "./s3_store.ts";
import type { MediaStore } from "./types.ts";

/** The default upper bound of an upload: 5 MiB. */
export const DEFAULT_MEDIA_MAX_BYTES = 5 * 1024 * 1024;

const BYTES = "must be a whole number of bytes between 1024 and 104857600";

/** The media variables, to merge into the store's config schema. */
export const MEDIA_ENV = {
  // `local`: files under <DATA_DIR>/media/ (kept in memory when DATA_DIR is
  // memory://); `s3`: an S3-compatible bucket (needs every S3_* below).
  MEDIA_STORE: z.enum(["local", "s3"]).default("local"),
  MEDIA_MAX_BYTES: z.coerce.number({ error: BYTES }).int(BYTES)
    .min(1024, BYTES).max(100 * 1024 * 1024, BYTES)
    .default(DEFAULT_MEDIA_MAX_BYTES),
  // The service's origin, path-style requests: https://s3.eu-central-1.amazonaws.com,
  // https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000 (MinIO).
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    "must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)",
  ).optional(),
  S3_REGION: z.string().regex(
    /^[a-z0-9-]{2,32}$/,
    "must be a region such as eu-central-1 (auto for R2)",
  ).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

/** The media settings as the config holds them (see {@link MEDIA_ENV}). */
export interface MediaSettings {
  DATA_DIR: string;
  MEDIA_STORE?: "local" | "s3";
  MEDIA_MAX_BYTES?: number;
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

const S3_REQUIRED = [
  "S3_ENDPOINT",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
] as const;

/**
 * For the config schema's `superRefine`: `MEDIA_STORE=s3` needs the
 * endpoint, the bucket and both keys; each missing one is an issue naming
 * the variable.
 */
export function checkMediaSettings(
  config: MediaSettings,
  ctx: z.RefinementCtx,
): void {
  if (config.MEDIA_STORE !== "s3") return;
  for (const name of S3_REQUIRED) {
    if (!config[name]) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "is required when MEDIA_STORE is s3",
      });
    }
  }
}

/** The configured object store and the upload limit. */
export interface Media {
  store: MediaStore;
  /** The largest upload accepted, in bytes. */
  maxBytes: number;
}

/**
 * Build the media store `settings` select. Throws when `MEDIA_STORE=s3`
 * lacks a setting (start-up catches that first once the config checks it).
 */
export function createMedia(
  settings: MediaSettings,
  options: { fetch?: typeof fetch } = {},
): Media {
  const maxBytes = settings.MEDIA_MAX_BYTES ?? DEFAULT_MEDIA_MAX_BYTES;
  if (settings.MEDIA_STORE === "s3") {
    const missing = S3_REQUIRED.filter((name) => !settings[name]);
    if (missing.length) {
      throw new Error(`MEDIA_STORE=s3 needs ${missing.join(", ")}`);
    }
    return {
      maxBytes,
      store: s3MediaStore({
        endpoint: settings.S3_ENDPOINT!,
        bucket: settings.S3_BUCKET!,
        region: settings.S3_REGION ?? "us-east-1",
        accessKeyId: settings.S3_ACCESS_KEY_ID!,
        secretAccessKey: settings.S3_SECRET_ACCESS_KEY!,
        fetch: options.fetch,
      }),
    };
  }
  return {
    maxBytes,
    store: settings.DATA_DIR === "memory://"
      ? memoryMediaStore()
      : localMediaStore({ dir: `${settings.DATA_DIR}/media` }),
  };
}

const built = new WeakMap<MediaSettings, Media>();

/**
 * The media store of the app whose parsed config is `settings`, built on
 * first use and shared by every request after (the config object lives as
 * long as the app).
 */
export function mediaFor(settings: MediaSettings): Media {
  let media = built.get(settings);
  if (!media) {
    media = createMedia(settings);
    built.set(settings, media);
  }
  return media;
}
