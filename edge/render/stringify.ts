/**
 * The strict serializer for island props. Props cross from server to browser
 * as JSON, so only plain data may pass: a function, a class instance, a
 * symbol, a bigint or a non-finite number is a bug in the page and fails the
 * render with the path of the offending value, instead of silently arriving
 * as `undefined` or `{}` in the browser.
 *
 * The output is safe inside an HTML `<script>` element: `<`, `>`, `&` and the
 * JS-only line separators are escaped.
 *
 * @module
 */

/** Thrown when a value cannot be sent to an island. */
export class SerializeError extends TypeError {
  /** Where in the props the value sits, e.g. `props.items[2].onClick`. */
  readonly path: string;

  constructor(path: string, what: string) {
    super(`Cannot serialize ${what} at '${path}' into island props`);
    this.name = "SerializeError";
    this.path = path;
  }
}

/** Serialize island props; throws {@link SerializeError} on anything but data. */
export function stringifyProps(value: unknown, path = "props"): string {
  return escapeForScript(JSON.stringify(check(value, path, new Set())));
}

function check(value: unknown, path: string, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) {
        throw new SerializeError(path, `the number ${value}`);
      }
      return value;
    case "undefined":
      return undefined;
    case "function":
      throw new SerializeError(path, "a function");
    case "symbol":
      throw new SerializeError(path, "a symbol");
    case "bigint":
      throw new SerializeError(path, "a bigint (send it as a string)");
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) throw new SerializeError(path, "a circular reference");
  if ("__k" in object || "__v" in object || "$$typeof" in object) {
    throw new SerializeError(path, "a JSX element (pass data, not children)");
  }
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return object.map((item, index) => {
        const checked = check(item, `${path}[${index}]`, seen);
        return checked === undefined ? null : checked;
      });
    }
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor
        ?.name ?? "unknown";
      throw new SerializeError(path, `an instance of ${name}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      const checked = check(item, `${path}.${key}`, seen);
      if (checked !== undefined) out[key] = checked;
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

function escapeForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (char) => ESCAPES[char]);
}
