/**
 * The admin module's types: who acts, and what an audit entry records.
 *
 * @module
 */

/**
 * Who makes an admin write: the signed-in staff member (id and the roles
 * of their access token) and the request it came in (its id ties the
 * audit row to the request's log lines).
 */
export interface AuditActor {
  id: string;
  roles: readonly string[];
  requestId?: string;
}

/**
 * One admin write as the audit log keeps it: `action` as `area.verb`
 * (`order.ship`, `product.update`), the entity it touched, and the
 * entity's state before and after (only what changed is enough).
 */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** An audit log row as admins browse it. */
export interface AuditRecord extends AuditEntry {
  id: string;
  actorId: string | null;
  actorRoles: string[];
  requestId: string | null;
  createdAt: Date;
}

/** A page of the audit log, newest first. */
export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `cursor` for the next (older) page; `null` on the last. */
  nextCursor: string | null;
}
