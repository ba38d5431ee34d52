/**
 * The media module's errors, each with its own status and code.
 *
 * @module
 */
import { AppError, Invalid, ServiceUnavailable } from "../../edge/errors.ts";

/** The file is larger than the store accepts: 413 `payload_too_large`. */
export class MediaTooLargeError extends AppError {
  readonly maxBytes: number;

  constructor(item: { maxBytes: number; bytes?: number }) {
    super(`The file is larger than the ${item.maxBytes} bytes allowed`, {
      status: 413,
      code: "payload_too_large",
      details: item,
    });
    this.maxBytes = item.maxBytes;
  }
}

/**
 * The file is not one of the accepted image types, judged by its bytes
 * (its declared type must agree): 415 `unsupported_media_type`.
 */
export class UnsupportedMediaTypeError extends AppError {
  constructor(
    message: string,
    details: {
      accepted: readonly string[];
      detected?: string | null;
      declared?: string;
    },
  ) {
    super(message, { status: 415, code: "unsupported_media_type", details });
  }
}

/**
 * The bytes start like an accepted image but its header cannot be read,
 * or it is empty or too many pixels: 400 `invalid_image`.
 */
export class InvalidImageError extends Invalid {
  constructor(message: string, details?: unknown) {
    super(message, { code: "invalid_image", details });
  }
}

/**
 * The object store failed or refused (an S3 error, a timeout, a full
 * disk): 503 `media_store_unavailable`; the cause is kept for the log.
 */
export class MediaStoreUnavailableError extends ServiceUnavailable {
  override readonly code: string = "media_store_unavailable";

  constructor(message: string, cause?: unknown) {
    super(message, 5, cause);
  }
}
