/**
 * A product's images, as admins manage them: attach an image (an upload
 * from the media module, by its key, or one of the catalog's drawings),
 * remove one, and put them in order (the first is the one lists and
 * shares show). Alt texts change with the product (`editProduct()`).
 *
 * Each write records its audit row in its own transaction and retires
 * cached catalog reads, so the storefront shows the change on its next
 * request.
 *
 * @module
 */
import type postgres from "postgres";
import { Conflict, Invalid, NotFound } from "../../edge/errors.ts";
import { recordAudit } from "../admin/mod.ts";
import type { Language } from "../localization/mod.ts";
import { isMediaKey, mediaUrl } from "../media/mod.ts";
import { imageKey } from "./admin_products.ts";
import type { AdminImage, ProductAdminDeps } from "./admin_types.ts";
import { imageUrl, renderProductImage } from "./images.ts";
import { isUuid } from "./queries.ts";
import { settleCatalogWrite } from "./writes.ts";

type Tx = postgres.TransactionSql;

/** The most images one product may have. */
export const MAX_PRODUCT_IMAGES = 50;

/**
 * What an image write needs: the admin write deps, and whether the media
 * store holds an upload (the media module owns uploads; the caller asks
 * it).
 */
export interface ProductImageDeps extends ProductAdminDeps {
  /** Whether an uploaded file is stored under `key`. */
  mediaStored(key: string): Promise<boolean>;
}

/** An image to attach: its key and, optionally, alt text per language. */
export interface NewProductImage {
  /**
   * An upload's key (`<sha256>.<ext>`, as `POST /api/admin/media` answers)
   * or a catalog drawing's key (`mug--nordic-mug--blue--1`).
   */
  key: string;
  alt?: Partial<Record<Language, string>>;
}

/**
 * The image is on the product already: 409 `image_already_attached`,
 * with the id of the image that holds it.
 */
export class ImageAlreadyAttachedError extends Conflict {
  override readonly code: string = "image_already_attached";
  readonly imageId: string;

  constructor(item: { key: string; imageId: string }) {
    super(`The image '${item.key}' is already on this product`, {
      details: item,
    });
    this.imageId = item.imageId;
  }
}

/** The product has {@link MAX_PRODUCT_IMAGES} images: 409 `too_many_images`. */
export class TooManyImagesError extends Conflict {
  override readonly code: string = "too_many_images";

  constructor() {
    super(
      `A product has at most ${MAX_PRODUCT_IMAGES} images: remove one first`,
      { details: { max: MAX_PRODUCT_IMAGES } },
    );
  }
}

async function lockProduct(tx: Tx, productId: string): Promise<void> {
  const [product] = isUuid(productId)
    ? await tx`select id from catalog.products where id = ${productId} for update`
    : [];
  if (!product) throw new NotFound(`No product '${productId}'`);
}

/** The images of a product, in order. */
async function imagesOf(tx: Tx, productId: string): Promise<AdminImage[]> {
  const rows = await tx`
    select id, url, alt, position from catalog.product_images
    where product_id = ${productId} order by position, created_at`;
  return rows.map((row): AdminImage => ({
    id: row.id,
    key: imageKey(row.url),
    url: row.url,
    alt: row.alt ?? {},
    position: row.position,
  }));
}

// The URL an image key is served at: an upload the media store holds, or
// a drawing the catalog renders. 400 `unknown_media` for anything else.
async function urlOf(deps: ProductImageDeps, key: string): Promise<string> {
  if (isMediaKey(key)) {
    if (await deps.mediaStored(key)) return mediaUrl(key);
  } else if (renderProductImage(key) !== null) {
    return imageUrl(key);
  }
  throw new Invalid(
    `No uploaded image '${key}': upload it first (POST /api/admin/media)`,
    { code: "unknown_media", details: { key } },
  );
}

function altOf(
  alt: Partial<Record<Language, string>> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(alt ?? {}).filter(([, text]) => Boolean(text?.trim()))
      .map(([language, text]) => [language, text!.trim()]),
  );
}

/**
 * Attach `image` to product `productId`, after its other images. Audited
 * as `product.image.attach`. Throws `NotFound`, `Invalid` (400
 * `unknown_media`: no such upload or drawing), `ImageAlreadyAttachedError`
 * or `TooManyImagesError` (409).
 */
export async function attachProductImage(
  deps: ProductImageDeps,
  options: { productId: string; image: NewProductImage },
): Promise<AdminImage> {
  const { productId, image } = options;
  if (!isUuid(productId)) throw new NotFound(`No product '${productId}'`);
  const url = await urlOf(deps, image.key);
  const alt = altOf(image.alt);
  const attached = await deps.sql.begin(async (tx) => {
    await lockProduct(tx, productId);
    const [held] = await tx`
      select id from catalog.product_images
      where product_id = ${productId} and url = ${url}`;
    if (held) {
      throw new ImageAlreadyAttachedError({ key: image.key, imageId: held.id });
    }
    const [{ count, next }] = await tx`
      select count(*)::integer as count,
             coalesce(max(position) + 1, 0)::integer as next
      from catalog.product_images where product_id = ${productId}`;
    if (count >= MAX_PRODUCT_IMAGES) throw new TooManyImagesError();
    const [row] = await tx`
      insert into catalog.product_images (product_id, url, alt, position)
      values (${productId}, ${url}, ${tx.json(alt)}, ${next})
      returning id, url, alt, position`;
    await tx`
      update catalog.products set updated_at = now() where id = ${productId}`;
    const added: AdminImage = {
      id: row.id,
      key: imageKey(row.url),
      url: row.url,
      alt: row.alt ?? {},
      position: row.position,
    };
    await recordAudit(tx, deps.actor, {
      action: "product.image.attach",
      entityType: "product",
      entityId: productId,
      after: { image: added },
    });
    return added;
  });
  await settleCatalogWrite(deps);
  return attached;
}

/**
 * Remove image `imageId` from product `productId` (the uploaded file
 * stays in the media store: other products may show it). Audited as
 * `product.image.remove`. Resolves the product's images left, in order.
 * Throws `NotFound` for an unknown product or an image not on it.
 */
export async function removeProductImage(
  deps: ProductAdminDeps,
  options: { productId: string; imageId: string },
): Promise<AdminImage[]> {
  const { productId, imageId } = options;
  if (!isUuid(productId)) throw new NotFound(`No product '${productId}'`);
  const images = await deps.sql.begin(async (tx) => {
    await lockProduct(tx, productId);
    const [removed] = isUuid(imageId)
      ? await tx`
          delete from catalog.product_images
          where id = ${imageId} and product_id = ${productId}
          returning id, url, alt, position`
      : [];
    if (!removed) {
      throw new NotFound(`The product has no image '${imageId}'`, {
        details: { imageId },
      });
    }
    await tx`
      update catalog.products set updated_at = now() where id = ${productId}`;
    await recordAudit(tx, deps.actor, {
      action: "product.image.remove",
      entityType: "product",
      entityId: productId,
      before: {
        image: {
          id: removed.id,
          key: imageKey(removed.url),
          url: removed.url,
          alt: removed.alt ?? {},
          position: removed.position,
        },
      },
    });
    return await imagesOf(tx, productId);
  });
  await settleCatalogWrite(deps);
  return images;
}

/**
 * Put product `productId`'s images in the order of `imageIds`, which
 * must name each of its images once (400 `invalid_image_order`
 * otherwise). Audited as `product.image.reorder` when the order changed.
 * Resolves the images in their new order.
 */
export async function reorderProductImages(
  deps: ProductAdminDeps,
  options: { productId: string; imageIds: readonly string[] },
): Promise<AdminImage[]> {
  const { productId, imageIds } = options;
  if (!isUuid(productId)) throw new NotFound(`No product '${productId}'`);
  const result = await deps.sql.begin(async (tx) => {
    await lockProduct(tx, productId);
    const before = await imagesOf(tx, productId);
    const current = before.map((image) => image.id);
    const same = new Set(imageIds).size === imageIds.length &&
      imageIds.length === current.length &&
      imageIds.every((id) => current.includes(id));
    if (!same) {
      throw new Invalid(
        "Name each of the product's images once, in the order wanted",
        { code: "invalid_image_order", details: { imageIds: current } },
      );
    }
    if (imageIds.every((id, i) => id === current[i])) {
      return { images: before, changed: false };
    }
    for (const [position, id] of imageIds.entries()) {
      await tx`
        update catalog.product_images set position = ${position}
        where id = ${id}`;
    }
    await tx`
      update catalog.products set updated_at = now() where id = ${productId}`;
    await recordAudit(tx, deps.actor, {
      action: "product.image.reorder",
      entityType: "product",
      entityId: productId,
      before: { imageIds: current },
      after: { imageIds: [...imageIds] },
    });
    return { images: await imagesOf(tx, productId), changed: true };
  });
  if (result.changed) await settleCatalogWrite(deps);
  return result.images;
}
