/**
 * The translated texts of the product page's image and stock islands,
 * built on the server (islands get their words as props).
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { AdminProductImagesLabels } from "../../islands/AdminProductImages.tsx";
import type { AdminVariantStockLabels } from "../../islands/AdminVariantStock.tsx";
import { apiErrors } from "./labels.ts";

/**
 * `bytes` as the admin reads a file size ("5 MB", "5 Mo", "5 MB"), in
 * whole megabytes when it is one, else kilobytes.
 */
export function fileSize(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1 ? [mb, "megabyte"] : [bytes / 1024, "kilobyte"];
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(value);
}

/** Texts of `AdminProductImages`; uploads may be up to `maxBytes`. */
export function productImagesLabels(
  t: Translate,
  options: { maxBytes: number; language: string },
): AdminProductImagesLabels {
  const size = fileSize(options.maxBytes, options.language);
  return {
    title: t("admin.products.images"),
    empty: t("admin.product.images.empty"),
    main: t("admin.product.images.main"),
    choose: t("admin.product.images.choose"),
    chooseFile: t("admin.product.images.chooseFile"),
    noFile: t("admin.product.images.noFile"),
    hint: t("admin.product.images.hint", { size }),
    preview: t("admin.product.images.preview"),
    upload: t("admin.product.images.upload"),
    uploading: t("admin.product.images.uploading"),
    attaching: t("admin.product.images.attaching"),
    retry: t("admin.product.images.retry"),
    discard: t("admin.product.images.discard"),
    altTitle: t("admin.product.images.altTitle"),
    altHint: t("admin.product.images.altHint"),
    optional: t("admin.optional"),
    editAlt: t("admin.product.images.editAlt"),
    saveAlt: t("admin.product.images.saveAlt"),
    cancel: t("admin.product.images.cancel"),
    moveEarlier: t("admin.product.images.moveEarlier"),
    moveLater: t("admin.product.images.moveLater"),
    remove: t("admin.product.images.remove"),
    removeConfirm: t("admin.product.images.removeConfirm"),
    added: t("admin.product.images.added"),
    removed: t("admin.product.images.removed"),
    altSaved: t("admin.product.images.altSaved"),
    moved: t("admin.product.images.moved"),
    unsaved: t("admin.unsaved"),
    working: t("admin.working"),
    invalid: {
      type: t("admin.product.images.invalid.type"),
      size: t("admin.product.images.invalid.size", { size }),
      tooLong: t("admin.invalid.tooLong"),
    },
    errors: {
      ...apiErrors(t),
      unknown_media: t("admin.product.images.errors.unknownMedia"),
      image_already_attached: t("admin.product.images.errors.alreadyAttached"),
      too_many_images: t("admin.product.images.errors.tooMany"),
      invalid_image_order: t("admin.product.images.errors.order"),
      unknown_image: t("admin.product.images.errors.order"),
      payload_too_large: t("admin.product.images.errors.tooLarge", { size }),
      unsupported_media_type: t("admin.product.images.invalid.type"),
      invalid_image: t("admin.product.images.errors.unreadable"),
      media_store_unavailable: t("admin.product.images.errors.storeDown"),
    },
  };
}

/**
 * Texts of `AdminVariantStock`; own prices are set in `baseCurrency`, and
 * a variant without one sells at `basePrice` (formatted).
 */
export function variantStockLabels(
  t: Translate,
  options: { baseCurrency: string; basePrice: string },
): AdminVariantStockLabels {
  return {
    title: t("admin.products.variants"),
    variant: t("admin.product.variants.variant"),
    ownPrice: t("admin.product.variants.ownPrice", {
      currency: options.baseCurrency,
    }),
    ownPriceHint: t("admin.product.variants.ownPriceHint", {
      price: options.basePrice,
    }),
    threshold: t("admin.product.threshold"),
    onHand: t("admin.product.variants.onHand"),
    reserved: t("admin.products.reserved"),
    available: t("admin.product.available"),
    low: t("admin.product.variants.low"),
    actions: t("admin.product.variants.actions"),
    save: t("admin.product.variants.save"),
    saved: t("admin.saved"),
    adjust: t("admin.product.variants.adjust"),
    history: t("admin.product.variants.history"),
    adjustTitle: t("admin.product.variants.adjustTitle"),
    direction: t("admin.product.variants.direction"),
    add: t("admin.product.variants.add"),
    remove: t("admin.product.variants.remove"),
    quantity: t("admin.product.variants.quantity"),
    reason: t("admin.product.variants.reason"),
    reasonHint: t("admin.product.variants.reasonHint"),
    apply: t("admin.product.variants.apply"),
    adjusted: t("admin.product.variants.adjusted"),
    cancel: t("admin.product.images.cancel"),
    when: t("admin.product.variants.when"),
    change: t("admin.product.variants.change"),
    quantityAfter: t("admin.product.variants.quantityAfter"),
    noMovements: t("admin.product.variants.noMovements"),
    older: t("admin.product.variants.older"),
    newTitle: t("admin.product.variants.newTitle"),
    newOpen: t("admin.product.variants.newOpen"),
    sku: t("admin.product.sku"),
    startingStock: t("admin.product.variants.startingStock"),
    create: t("admin.product.variants.create"),
    created: t("admin.product.variants.created"),
    optional: t("admin.optional"),
    unsaved: t("admin.unsaved"),
    working: t("admin.working"),
    invalid: {
      required: t("admin.invalid.required"),
      tooLong: t("admin.invalid.tooLong"),
      amount: t("admin.invalid.amount"),
      sku: t("admin.product.variants.invalid.sku"),
      quantity: t("admin.product.variants.invalid.quantity"),
      threshold: t("admin.product.variants.invalid.count"),
      // `{max}` stays for the island to fill in.
      tooMany: t("admin.product.variants.invalid.tooMany", { max: "{max}" }),
      form: t("admin.invalid.form"),
    },
    errors: {
      ...apiErrors(t),
      stock_below_reserved: t("admin.product.variants.errors.belowReserved"),
      sku_taken: t("admin.product.variants.errors.skuTaken"),
    },
  };
}
