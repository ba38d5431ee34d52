import { MediaTooLargeError } from "../../../../commerce/media/mod.ts";
import type { AppContext } from "../../../../edge/env.ts";
import { Invalid } from "../../../../edge/errors.ts";

// Room for the multipart boundaries and part headers around the file.
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * The one file of a `multipart/form-data` upload, in its field `file`,
 * with the type its part declared. A body announcing more than `maxBytes`
 * (plus the multipart framing) is refused before it is read.
 */
export async function readUpload(
  c: AppContext,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; declaredType: string }> {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new Invalid(
      "Send the image as multipart/form-data in a field named 'file'",
      { code: "multipart_required" },
    );
  }
  const length = Number(c.req.header("content-length") ?? NaN);
  if (length > maxBytes + MULTIPART_OVERHEAD) {
    throw new MediaTooLargeError({ maxBytes });
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (cause) {
    throw new Invalid("The multipart body cannot be read", {
      code: "invalid_multipart",
      cause,
    });
  }
  const files = form.getAll("file");
  const [file] = files;
  if (files.length !== 1 || !(file instanceof File)) {
    throw new Invalid("Send exactly one file, in a field named 'file'", {
      code: "validation_failed",
      details: [{ path: "file", message: "must be exactly one file" }],
    });
  }
  if (file.size > maxBytes) {
    throw new MediaTooLargeError({ maxBytes, bytes: file.size });
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    declaredType: file.type,
  };
}
