/**
 * The catalog module (PIM): categories, products with copy in every language,
 * variants, images, inventory, per-currency price lists, reviews and stores.
 * It owns the `catalog` schema; other modules use only what is exported here.
 *
 * @module
 */
export { CATALOG_NAMESPACE } from "./cache.ts";
export {
  type CatalogReadDeps,
  readCategories,
  readProduct,
  readProducts,
  readReviews,
  readSitemapEntries,
  readStores,
} from "./cached.ts";
export { renderProductImage } from "./images.ts";
export {
  ensurePriceIndex,
  repriceCatalog,
  type RepriceOptions,
} from "./price_index.ts";
export {
  findCategoryId,
  getProduct,
  isUuid,
  listCategories,
  listProducts,
  listReviews,
  listStores,
  productExists,
  type ProductList,
  type ProductListQuery,
  type ProductSort,
  sitemapEntries,
  type SitemapEntry,
} from "./queries.ts";
export { type CatalogSeedResult, seedCatalog } from "./seed_catalog.ts";
export { catalogSeed } from "./seed/mod.ts";
export { slugify } from "./slug.ts";
export type * from "./types.ts";
export {
  type CatalogWriteDeps,
  type ProductPatch,
  setStock,
  updateProduct,
} from "./writes.ts";
export { OutOfStockError } from "./errors.ts";
export {
  commitStock,
  type LowStock,
  releaseStock,
  reserveStock,
  type StockItem,
  stockLevels,
} from "./inventory.ts";
export { type SellableVariant, sellableVariants } from "./sellable.ts";
export {
  type AdminCategory,
  type AdminCategoryNode,
  adminCategoryTree,
  type CatalogAdminDeps,
  type CategoryPatch,
  type CategoryTranslation,
  createCategory,
  deleteCategory,
  getAdminCategory,
  type NewCategory,
  updateCategory,
} from "./admin_categories.ts";
export {
  CategoryCycleError,
  CategoryKeyTakenError,
  CategoryNotEmptyError,
  SlugTakenError,
} from "./admin_errors.ts";
export {
  getModerationReview,
  moderateReview,
  type ModerationReview,
  type NewReview,
  REVIEW_STATUSES,
  reviewQueue,
  type ReviewQueueQuery,
  type ReviewStatus,
  submitReview,
} from "./moderation.ts";
export {
  archiveProduct,
  createProduct,
  editProduct,
  getAdminProduct,
  listAdminProducts,
} from "./admin_products.ts";
export {
  adjustVariantStock,
  createVariant,
  editVariant,
  INITIAL_STOCK_REASON,
} from "./admin_variants.ts";
export {
  currencyPrices,
  deletePriceListEntry,
  setPriceListEntry,
} from "./admin_prices.ts";
export {
  attachProductImage,
  ImageAlreadyAttachedError,
  MAX_PRODUCT_IMAGES,
  type NewProductImage,
  type ProductImageDeps,
  removeProductImage,
  reorderProductImages,
  TooManyImagesError,
} from "./admin_images.ts";
export { listStockMovements } from "./stock_movements.ts";
export { type LowStockVariant, lowStockVariants } from "./low_stock.ts";
export { adjustStock, type StockAdjustment } from "./inventory.ts";
export { settleCatalogWrite } from "./writes.ts";
export type * from "./admin_types.ts";
export {
  PriceListCurrencyError,
  ProductIncompleteError,
  ProductKeyTakenError,
  ProductSlugTakenError,
  SkuTakenError,
  StockBelowReservedError,
} from "./product_errors.ts";
export {
  CSV_IMPORT_STOCK_REASON,
  exportProductsCsv,
  importProductsCsv,
  MAX_CSV_ROWS,
  type ProductCsvFile,
} from "./product_csv.ts";
export type * from "./csv_types.ts";
export {
  CsvImportRejectedError,
  CsvMediaTypeError,
  InvalidCsvError,
} from "./csv_errors.ts";
