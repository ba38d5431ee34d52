/**
 * The catalog's cache namespace. Every cached catalog read is keyed under its
 * current version, and every catalog write (and every rates update) bumps it.
 *
 * @module
 */

/** The cache namespace of catalog reads. */
export const CATALOG_NAMESPACE = "catalog";
