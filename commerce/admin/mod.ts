/**
 * Admin: what the back office shares across the business modules. The
 * module owns the `admin` schema; other modules use only this file.
 *
 * - `recordAudit` keeps who changed what, before and after, in the
 *   transaction of the change; every admin write calls it.
 * - `auditLog` reads it back for admins, newest first, filtered.
 *
 * @module
 */
export { type AuditFilter, auditLog, recordAudit } from "./audit.ts";
export * from "./types.ts";
