/**
 * What an audit entry changed, field by field: the entity's state before
 * and after, flattened to dotted paths (`copy.de.name`), keeping only the
 * paths whose value differs.
 *
 * @module
 */

/** One changed field; a side is `undefined` where the field was absent. */
export interface FieldChange {
  /** The dotted path (`status`, `shipment.carrier`), or `value`. */
  field: string;
  before?: string;
  after?: string;
}

// Deep enough for `copy.<language>.name`; deeper values show as JSON.
const MAX_DEPTH = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(
  value: unknown,
  out: Map<string, unknown>,
  prefix = "",
  depth = 0,
): Map<string, unknown> {
  if (value === undefined) return out;
  if (isRecord(value) && Object.keys(value).length > 0 && depth < MAX_DEPTH) {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, out, prefix ? `${prefix}.${key}` : key, depth + 1);
    }
  } else {
    out.set(prefix || "value", value);
  }
  return out;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The fields that differ between `before` and `after` (either may be
 * missing: a creation has no before, a deletion no after), in the order
 * they first appear.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before, new Map());
  const now = flatten(after, new Map());
  const changes: FieldChange[] = [];
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    const was = old.has(field) ? show(old.get(field)) : undefined;
    const is = now.has(field) ? show(now.get(field)) : undefined;
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  return changes;
}
