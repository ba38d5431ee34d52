import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type {
  AdminImage,
  AdminProduct,
} from "../commerce/catalog/admin_types.ts";
import { ApiFailure, callApi } from "./_api.ts";
import { failureText, serverFieldErrors } from "./_admin_forms.ts";
import { useUnsavedWarning } from "./_unsaved.ts";
import { FailureAlert } from "./_FailureAlert.tsx";
import { FieldError } from "./_FieldError.tsx";
import { refreshSession } from "./_session.ts";

/** The translated texts of {@link AdminProductImages}. */
export interface AdminProductImagesLabels {
  title: string;
  /** Shown instead of the grid while the product has no image. */
  empty: string;
  /** Beside the first image: the one lists and shares show. */
  main: string;
  choose: string;
  chooseFile: string;
  noFile: string;
  /** "JPEG, PNG, WebP or AVIF, up to 5 MB." */
  hint: string;
  preview: string;
  upload: string;
  uploading: string;
  attaching: string;
  retry: string;
  discard: string;
  altTitle: string;
  altHint: string;
  optional: string;
  editAlt: string;
  saveAlt: string;
  cancel: string;
  moveEarlier: string;
  moveLater: string;
  remove: string;
  removeConfirm: string;
  added: string;
  removed: string;
  altSaved: string;
  moved: string;
  unsaved: string;
  working: string;
  invalid: {
    type: string;
    size: string;
    tooLong: string;
  };
  /** By API error code, plus `failed`. */
  errors: Record<string, string>;
}

/** A language an alt text can be written in. */
export interface AltLanguage {
  code: string;
  /** The language's name in the admin's language. */
  label: string;
  dir: "ltr" | "rtl";
}

/** An image as the island starts with it. */
export interface ProductImageItem {
  id: string;
  url: string;
  alt: Record<string, string>;
}

/** Props of {@link AdminProductImages}. */
export interface AdminProductImagesProps {
  productId: string;
  images: ProductImageItem[];
  /** The admin's language: whose alt text a thumbnail carries. */
  language: string;
  defaultLanguage: string;
  languages: AltLanguage[];
  /** The largest file the store accepts, in bytes. */
  maxBytes: number;
  /** The image types the store accepts (`image/png`...). */
  accept: string[];
  /** The page's CSRF token, sent with the multipart upload. */
  csrf: string;
  labels: AdminProductImagesLabels;
}

/** A file chosen and not yet on the product. */
interface Pending {
  file: File;
  /** A `data:` URL of the file (the page's CSP allows no `blob:` images). */
  preview: string;
  /** Its key once uploaded (a retry then only attaches it). */
  key: string | null;
}

type Failure = { summary: string; detail: string } | null;

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";
const BUTTON =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300";
const SECONDARY =
  "rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-50 disabled:cursor-not-allowed disabled:opacity-50";
const ICON =
  "inline-flex h-7 w-7 items-center justify-center rounded-md border border-gray-200 bg-white text-gray-600 hover:bg-gray-50 hover:text-gray-900 disabled:cursor-not-allowed disabled:opacity-40";
const THUMB =
  "aspect-square w-full rounded-md border border-gray-200 bg-gray-50 object-cover";
const MAIN_BADGE =
  "absolute left-1 top-1 rtl:left-auto rtl:right-1 rounded bg-indigo-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white";
const PREVIEW =
  "h-24 w-24 shrink-0 rounded-md border border-gray-200 object-cover";
const EDIT_THUMB = "h-12 w-12 rounded border border-gray-200 object-cover";
const CONTROLS = "mt-1 flex flex-wrap gap-1";
const ICON_SVG = "h-4 w-4 rotate-180 rtl:rotate-0 rtl:rotate-180";
// Classes of what only the browser renders (a first thumbnail, the
// preview): the page's CSS is read from the server's markup, so they are
// named there too, on an element never shown.
const RENDERED_LATER = [
  "min-w-0 relative",
  THUMB,
  MAIN_BADGE,
  PREVIEW,
  EDIT_THUMB,
  CONTROLS,
  ICON,
  "hover:text-rose-700",
  ICON_SVG,
].join(" ");
const MAX_ALT = 300;

/**
 * Upload `file` to `POST /api/admin/media` as multipart field `file`,
 * reporting progress (0..1). Sends the page's CSRF token and an
 * `Idempotency-Key`; an expired access token is renewed once. Throws
 * {@link ApiFailure} like `callApi`.
 */
function uploadFile(
  file: File,
  options: { csrf: string; onProgress: (share: number) => void },
): Promise<{ key: string; url: string }> {
  const key = crypto.randomUUID();
  const send = () =>
    new Promise<{ status: number; json: unknown }>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/admin/media");
      xhr.setRequestHeader("accept", "application/json");
      xhr.setRequestHeader("x-csrf-token", options.csrf);
      xhr.setRequestHeader("idempotency-key", key);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) {
          options.onProgress(event.loaded / event.total);
        }
      };
      xhr.onload = () => {
        let json: unknown = null;
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          // An answer without JSON: its status says enough.
        }
        resolve({ status: xhr.status, json });
      };
      xhr.onerror = () => resolve({ status: 0, json: null });
      const form = new FormData();
      form.append("file", file);
      xhr.send(form);
    });
  return (async () => {
    let answer = await send();
    if (answer.status === 401 && await refreshSession() !== null) {
      answer = await send();
    }
    const { status, json } = answer;
    if (status >= 200 && status < 300) {
      return json as { key: string; url: string };
    }
    if (status === 0) {
      throw new ApiFailure(0, { code: "network", message: "" });
    }
    const error = (json as { error?: { code: string; message: string } })
      ?.error ?? { code: `http_${status}`, message: "" };
    throw new ApiFailure(status, error);
  })();
}

/**
 * A product's images: a grid of thumbnails (the first is the main image)
 * with controls to move, describe and remove each, and an upload: choose
 * a file, checked here for type and size first, see it previewed, then
 * upload it (with progress) and attach it with optional alt text per
 * language. Removing asks first; the server's messages are shown as it
 * wrote them, under a translated summary. Leaving with a chosen file or
 * alt text not yet saved asks first.
 */
export default function AdminProductImages(props: AdminProductImagesProps) {
  const { labels, languages } = props;
  const images = useSignal<ProductImageItem[]>(props.images);
  const pending = useSignal<Pending | null>(null);
  const alt = useSignal<Record<string, string>>({});
  /** The image whose alt text is being edited, with the texts so far. */
  const editing = useSignal<{ id: string; alt: Record<string, string> } | null>(
    null,
  );
  const errors = useSignal<Record<string, string>>({});
  const busy = useSignal<"" | "uploading" | "attaching" | "saving">("");
  const progress = useSignal(0);
  const status = useSignal("");
  const failure = useSignal<Failure>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  function dirty(): boolean {
    if (pending.value) return true;
    const edit = editing.value;
    if (!edit) return false;
    const before = images.value.find((i) => i.id === edit.id)?.alt ?? {};
    return languages.some((l) =>
      (edit.alt[l.code] ?? "").trim() !== (before[l.code] ?? "")
    );
  }

  useUnsavedWarning(dirty);

  function clearPending() {
    pending.value = null;
    alt.value = {};
    progress.value = 0;
    if (fileInput.current) fileInput.current.value = "";
  }

  function choose(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    status.value = "";
    failure.value = null;
    const { file: _, ...others } = errors.value;
    errors.value = others;
    if (!file) return;
    let problem = "";
    if (!props.accept.includes(file.type)) problem = labels.invalid.type;
    else if (file.size > props.maxBytes) problem = labels.invalid.size;
    if (problem) {
      errors.value = { ...errors.value, file: problem };
      input.value = "";
      return;
    }
    pending.value = { file, preview: "", key: null };
    const reader = new FileReader();
    reader.onload = () => {
      if (pending.value?.file !== file) return;
      pending.value = { ...pending.value, preview: String(reader.result) };
    };
    reader.readAsDataURL(file);
  }

  function checkAlt(texts: Record<string, string>, prefix: string): boolean {
    const next = { ...errors.value };
    let ok = true;
    for (const { code } of languages) {
      const field = `${prefix}.${code}`;
      if ((texts[code] ?? "").trim().length > MAX_ALT) {
        next[field] = labels.invalid.tooLong;
        ok = false;
      } else delete next[field];
    }
    errors.value = next;
    return ok;
  }

  // The server names alt fields `alt.de` (attach) or `images.0.alt.de`
  // (product edit); the form shows them under `prefix.de`.
  function altErrors(error: unknown, prefix: string) {
    const next = { ...errors.value };
    for (const [path, message] of Object.entries(serverFieldErrors(error))) {
      const code = /(?:^|\.)alt\.(\w+)$/.exec(path)?.[1];
      if (code) next[`${prefix}.${code}`] = message;
      else if (path === "key" || path === "file") next.file = message;
    }
    errors.value = next;
  }

  async function add(event: Event) {
    event.preventDefault();
    const chosen = pending.value;
    if (!chosen || busy.value) return;
    if (!checkAlt(alt.value, "new")) return;
    failure.value = null;
    status.value = "";
    try {
      let key = chosen.key;
      if (!key) {
        busy.value = "uploading";
        progress.value = 0;
        const uploaded = await uploadFile(chosen.file, {
          csrf: props.csrf,
          onProgress: (share) => progress.value = share,
        });
        key = uploaded.key;
        pending.value = { ...chosen, key };
      }
      busy.value = "attaching";
      const texts = Object.fromEntries(
        Object.entries(alt.value).map(([code, text]) => [code, text.trim()])
          .filter(([, text]) => text),
      );
      const image = await callApi<AdminImage>(
        "POST",
        `/api/admin/products/${props.productId}/images`,
        { key, alt: texts },
      );
      images.value = [...images.value, {
        id: image.id,
        url: image.url,
        alt: image.alt as Record<string, string>,
      }];
      clearPending();
      status.value = labels.added;
    } catch (error) {
      failure.value = failureText(error, labels.errors);
      altErrors(error, "new");
    } finally {
      busy.value = "";
    }
  }

  async function remove(image: ProductImageItem) {
    if (busy.value || !confirm(labels.removeConfirm)) return;
    busy.value = "saving";
    failure.value = null;
    status.value = "";
    try {
      const answer = await callApi<{ images: AdminImage[] }>(
        "DELETE",
        `/api/admin/products/${props.productId}/images/${image.id}`,
      );
      images.value = answer.images.map(itemOf);
      if (editing.value?.id === image.id) editing.value = null;
      status.value = labels.removed;
    } catch (error) {
      failure.value = failureText(error, labels.errors);
    } finally {
      busy.value = "";
    }
  }

  async function move(index: number, by: -1 | 1) {
    const order = images.value.map((i) => i.id);
    const target = index + by;
    if (busy.value || target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target], order[index]];
    busy.value = "saving";
    failure.value = null;
    status.value = "";
    try {
      const answer = await callApi<{ images: AdminImage[] }>(
        "PUT",
        `/api/admin/products/${props.productId}/images`,
        { imageIds: order },
      );
      images.value = answer.images.map(itemOf);
      status.value = labels.moved;
    } catch (error) {
      failure.value = failureText(error, labels.errors);
    } finally {
      busy.value = "";
    }
  }

  async function saveAlt(event: Event) {
    event.preventDefault();
    const edit = editing.value;
    if (!edit || busy.value) return;
    if (!checkAlt(edit.alt, "edit")) return;
    const before = images.value.find((i) => i.id === edit.id)?.alt ?? {};
    const change: Record<string, string | null> = {};
    for (const { code } of languages) {
      const text = (edit.alt[code] ?? "").trim();
      if (text === (before[code] ?? "")) continue;
      change[code] = text || null;
    }
    if (!Object.keys(change).length) {
      editing.value = null;
      return;
    }
    busy.value = "saving";
    failure.value = null;
    status.value = "";
    try {
      const product = await callApi<AdminProduct>(
        "PATCH",
        `/api/admin/products/${props.productId}`,
        { images: [{ id: edit.id, alt: change }] },
      );
      images.value = product.images.map(itemOf);
      editing.value = null;
      status.value = labels.altSaved;
    } catch (error) {
      failure.value = failureText(error, labels.errors);
      altErrors(error, "edit");
    } finally {
      busy.value = "";
    }
  }

  const altOf = (image: ProductImageItem) =>
    image.alt[props.language] ?? image.alt[props.defaultLanguage] ?? "";

  const altFields = (
    prefix: "new" | "edit",
    texts: Record<string, string>,
    set: (code: string, text: string) => void,
  ) => (
    <div class="mt-2 space-y-2">
      {languages.map((l) => {
        const field = `${prefix}.${l.code}`;
        const id = `image-alt-${prefix}-${l.code}`;
        return (
          <div key={l.code}>
            <label for={id} class="block text-xs font-medium text-gray-600">
              {l.label}
            </label>
            <input
              id={id}
              type="text"
              lang={l.code}
              dir={l.dir}
              value={texts[l.code] ?? ""}
              maxLength={MAX_ALT + 50}
              disabled={Boolean(busy.value)}
              aria-invalid={errors.value[field] ? "true" : undefined}
              aria-describedby={`${id}-error`}
              class={INPUT.replace("py-2", "py-1.5")}
              onInput={(event) => {
                set(l.code, (event.target as HTMLInputElement).value);
                status.value = "";
              }}
            />
            <FieldError id={id} error={errors.value[field]} />
          </div>
        );
      })}
    </div>
  );

  const list = images.value;
  const chosen = pending.value;
  const edit = editing.value;
  const editImage = edit && list.find((i) => i.id === edit.id);
  const percent = new Intl.NumberFormat(props.language, { style: "percent" })
    .format(progress.value);

  return (
    <section
      class="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
      data-testid="product-images"
    >
      <h2 class="text-base font-bold text-gray-900">{labels.title}</h2>
      <span hidden>
        <span class={RENDERED_LATER} />
      </span>
      <p
        hidden={list.length > 0}
        class="mt-3 rounded-md border border-dashed border-gray-300 px-3 py-4 text-center text-sm text-gray-500"
        data-testid="images-empty"
      >
        {labels.empty}
      </p>
      <ul
        class="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-2"
        data-testid="image-grid"
      >
        {list.map((image, index) => (
          <li
            key={image.id}
            data-image-id={image.id}
            class="min-w-0"
          >
            <div class="relative">
              <img
                src={image.url}
                alt={altOf(image)}
                loading="lazy"
                class={THUMB}
              />
              <span hidden={index !== 0} class={MAIN_BADGE}>
                {labels.main}
              </span>
            </div>
            <div class={CONTROLS}>
              <button
                type="button"
                class={ICON}
                title={labels.moveEarlier}
                aria-label={labels.moveEarlier}
                disabled={index === 0 || Boolean(busy.value)}
                onClick={() => move(index, -1)}
              >
                <Chevron back />
              </button>
              <button
                type="button"
                class={ICON}
                title={labels.moveLater}
                aria-label={labels.moveLater}
                disabled={index === list.length - 1 || Boolean(busy.value)}
                onClick={() => move(index, 1)}
              >
                <Chevron />
              </button>
              <button
                type="button"
                class={ICON}
                title={labels.editAlt}
                aria-label={labels.editAlt}
                aria-pressed={edit?.id === image.id ? "true" : "false"}
                disabled={Boolean(busy.value)}
                data-testid="image-edit-alt"
                onClick={() => {
                  status.value = "";
                  editing.value = edit?.id === image.id
                    ? null
                    : { id: image.id, alt: { ...image.alt } };
                }}
              >
                <svg viewBox="0 0 20 20" class="h-4 w-4" aria-hidden="true">
                  <path
                    fill="currentColor"
                    d="M3 5h14v2H3zm0 4h14v2H3zm0 4h9v2H3z"
                  />
                </svg>
              </button>
              <button
                type="button"
                class={`${ICON} hover:text-rose-700`}
                title={labels.remove}
                aria-label={labels.remove}
                disabled={Boolean(busy.value)}
                data-testid="image-remove"
                onClick={() => remove(image)}
              >
                <svg viewBox="0 0 20 20" class="h-4 w-4" aria-hidden="true">
                  <path
                    fill="currentColor"
                    d="M7 3h6l1 2h3v2H3V5h3zm-2 5h10l-1 9H6z"
                  />
                </svg>
              </button>
            </div>
          </li>
        ))}
      </ul>

      <form
        hidden={!editImage}
        onSubmit={saveAlt}
        novalidate
        class="mt-4 rounded-md border border-gray-200 bg-gray-50 p-3"
        data-testid="image-alt-form"
      >
        <div class="flex items-center gap-3">
          {editImage && (
            <img
              src={editImage.url}
              alt=""
              class={EDIT_THUMB}
            />
          )}
          <div>
            <p class="text-sm font-semibold text-gray-900">{labels.altTitle}</p>
            <p class="text-xs text-gray-500">{labels.altHint}</p>
          </div>
        </div>
        {edit && altFields("edit", edit.alt, (code, text) =>
          editing.value = {
            ...edit,
            alt: { ...edit.alt, [code]: text },
          })}
        <div class="mt-3 flex flex-wrap gap-2">
          <button
            type="submit"
            class={BUTTON}
            disabled={Boolean(busy.value)}
          >
            {busy.value === "saving" ? labels.working : labels.saveAlt}
          </button>
          <button
            type="button"
            class={SECONDARY}
            disabled={Boolean(busy.value)}
            onClick={() => editing.value = null}
          >
            {labels.cancel}
          </button>
        </div>
      </form>

      <form
        onSubmit={add}
        novalidate
        class="mt-4 border-t border-gray-100 pt-4"
        data-testid="image-upload"
      >
        <p class="text-sm font-medium text-gray-700">{labels.choose}</p>
        {
          /* The browser's own file button speaks the browser's language:
            a label in the admin's stands in for it. */
        }
        <div class="mt-1 flex min-w-0 items-center gap-3">
          <input
            id="image-file"
            ref={fileInput}
            type="file"
            accept={props.accept.join(",")}
            disabled={Boolean(busy.value)}
            aria-invalid={errors.value.file ? "true" : undefined}
            aria-describedby="image-file-hint image-file-error"
            class="peer sr-only"
            onChange={choose}
          />
          <label
            for="image-file"
            class="shrink-0 cursor-pointer rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm font-semibold text-indigo-700 hover:bg-indigo-100 peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-disabled:cursor-not-allowed peer-disabled:opacity-50"
          >
            {labels.chooseFile}
          </label>
          <span
            class="truncate text-sm text-gray-600"
            data-testid="image-file-name"
          >
            {chosen?.file.name ?? labels.noFile}
          </span>
        </div>
        <p id="image-file-hint" class="mt-1 text-xs text-gray-500">
          {labels.hint}
        </p>
        <FieldError id="image-file" error={errors.value.file} />

        <div hidden={!chosen} class="mt-3" data-testid="image-pending">
          <div class="flex items-start gap-3">
            {chosen?.preview && (
              <img
                src={chosen.preview}
                alt={labels.preview}
                class={PREVIEW}
                data-testid="image-preview"
              />
            )}
            <div class="min-w-0 text-sm">
              <div hidden={busy.value !== "uploading"}>
                <progress
                  max={1}
                  value={progress.value}
                  aria-label={labels.uploading}
                  class="h-2 w-40 max-w-full"
                />
                <span class="ml-2 text-xs tabular-nums text-gray-600 rtl:ml-0 rtl:mr-2">
                  {percent}
                </span>
              </div>
            </div>
          </div>
          <details class="mt-3">
            <summary class="cursor-pointer text-sm font-medium text-indigo-700">
              {labels.altTitle}{" "}
              <span class="font-normal text-gray-500">{labels.optional}</span>
            </summary>
            <p class="mt-1 text-xs text-gray-500">{labels.altHint}</p>
            {altFields("new", alt.value, (code, text) =>
              alt.value = { ...alt.value, [code]: text })}
          </details>
          <div class="mt-3 flex flex-wrap items-center gap-2">
            <button
              type="submit"
              class={BUTTON}
              disabled={Boolean(busy.value)}
              data-testid="image-add"
            >
              {busy.value === "uploading"
                ? labels.uploading
                : busy.value === "attaching"
                ? labels.attaching
                : chosen?.key
                ? labels.retry
                : labels.upload}
            </button>
            <button
              type="button"
              class={SECONDARY}
              disabled={Boolean(busy.value)}
              onClick={clearPending}
            >
              {labels.discard}
            </button>
          </div>
        </div>
      </form>

      <p role="status" class="mt-3 text-sm" data-testid="images-status">
        <span hidden={!status.value} class="text-emerald-700">
          {status.value}
        </span>
        <span hidden={!dirty() || Boolean(status.value)} class="text-amber-700">
          {labels.unsaved}
        </span>
      </p>
      <FailureAlert
        failure={failure.value}
        testId="images-error"
        class="mt-3"
      />
    </section>
  );
}

function itemOf(image: AdminImage): ProductImageItem {
  return {
    id: image.id,
    url: image.url,
    alt: image.alt as Record<string, string>,
  };
}

/** A chevron pointing to the next image (`back`: the previous), mirrored in RTL. */
function Chevron({ back = false }: { back?: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      class={`h-4 w-4 ${back ? "rotate-180 rtl:rotate-0" : "rtl:rotate-180"}`}
      aria-hidden="true"
    >
      <path
        fill="currentColor"
        d="M7.3 4.3 13 10l-5.7 5.7-1.4-1.4L10.2 10 5.9 5.7z"
      />
    </svg>
  );
}
