/**
 * Server-side island support. Any component registered as an island is, when
 * rendered on the server, wrapped in an `<x-island>` marker element carrying
 * its name and the index of its serialized props; the boot script hydrates
 * each marker with the island's bundled chunk. Islands nested in an island
 * render plainly: the outer island hydrates them.
 * *
 * @module
 */
import {
  type ComponentType,
  createContext,
  h,
  type JSX,
  options,
} from "preact";
import { useContext } from "preact/hooks";
import { stringifyProps } from "./stringify.ts";

/** The islands one render used, in marker order. */
export interface IslandUse {
  name: string;
  /** Serialized props (see `stringifyProps`). */
  props: string;
}

const names = new Map<ComponentType<never>, string>();
const InsideIsland = createContext(false);
let current: IslandUse[] | null = null;

/** Mark components as islands, by name (the file name in `islands/`). */
export function registerIslands(
  islands: Record<string, { default: ComponentType<never> }>,
): void {
  for (const [name, module] of Object.entries(islands)) {
    names.set(module.default, name);
  }
}

/**
 * Run a synchronous render and collect the islands it used. Rendering with
 * preact-render-to-string is synchronous, so one module-level collector is
 * never shared by two requests.
 */
export function collectIslands<T>(render: () => T): [T, IslandUse[]] {
  const previous = current;
  const used: IslandUse[] = [];
  current = used;
  try {
    return [render(), used];
  } finally {
    current = previous;
  }
}

interface HostProps {
  island: ComponentType<Record<string, unknown>>;
  name: string;
  props: Record<string, unknown>;
}

function IslandHost({ island, name, props }: HostProps): JSX.Element {
  const inside = useContext(InsideIsland);
  const inner = unwrapped(island, props);
  if (inside || current === null) return inner;
  const id = current.length;
  current.push({ name, props: stringifyProps(props, `${name}.props`) });
  return h(
    "x-island",
    { "data-island": name, "data-id": String(id) },
    h(InsideIsland.Provider, { value: true }, inner),
  );
}

let creatingInner = false;

/** The island's own vnode, created so the hook below leaves it alone. */
function unwrapped(
  island: ComponentType<Record<string, unknown>>,
  props: Record<string, unknown>,
): JSX.Element {
  creatingInner = true;
  try {
    return h(island, props);
  } finally {
    creatingInner = false;
  }
}

const previousVnodeHook = options.vnode;
options.vnode = (vnode) => {
  const name = !creatingInner && typeof vnode.type === "function"
    ? names.get(vnode.type as ComponentType<never>)
    : undefined;
  if (name !== undefined) {
    const island = vnode.type;
    vnode.type = IslandHost as typeof vnode.type;
    vnode.props = {
      island,
      name,
      props: vnode.props,
    } as unknown as typeof vnode.props;
  }
  previousVnodeHook?.(vnode);
};
