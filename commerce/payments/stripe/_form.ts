/**
 * Stripe's request bodies as the fake reads them: form-encoded with
 * brackets for nesting (`metadata[reference]=...`,
 * `automatic_payment_methods[enabled]=true`, `expand[0]=...` or
 * `expand[]=...`), every value a string.
 *
 * @module
 */

/** A decoded form: strings, nested objects and arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Decode a form body into nested values. A key that is not
 * `name[part][part]...` is kept as it is; parts naming prototype fields
 * are dropped.
 */
export function parseForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const match = KEY.exec(key);
    const path = match
      ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])]
      : [key];
    if (path.some((part) => UNSAFE.has(part))) continue;
    assign(root, path, value);
  }
  return root;
}

function assign(
  container: Record<string, FormValue> | FormValue[],
  path: string[],
  value: string,
): void {
  const [head, ...rest] = path;
  const slot = Array.isArray(container)
    ? head === "" ? container.length : Number(head)
    : head;
  if (Array.isArray(container) && !Number.isInteger(slot)) return;
  const get = () => (container as Record<string | number, FormValue>)[slot];
  const set = (next: FormValue) => {
    (container as Record<string | number, FormValue>)[slot] = next;
  };
  if (rest.length === 0) {
    set(value);
    return;
  }
  let child = get();
  if (typeof child !== "object") {
    child = rest[0] === "" || /^\d+$/.test(rest[0]) ? [] : {};
    set(child);
  }
  assign(child, rest, value);
}
