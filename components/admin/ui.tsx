import type { ComponentChildren } from "preact";

/** A white card with a heading, the dashboard's building block. */
export function Card(
  { title, children, testId, class: extra = "" }: {
    title?: string;
    children: ComponentChildren;
    testId?: string;
    class?: string;
  },
) {
  return (
    <section
      data-testid={testId}
      class={`rounded-xl border border-gray-200 bg-white p-5 shadow-sm ${extra}`}
    >
      {title && <h2 class="text-base font-bold text-gray-900">{title}</h2>}
      {children}
    </section>
  );
}

/** A page's heading row: its title, and actions or a note beside it. */
export function PageTitle(
  { title, children }: { title: string; children?: ComponentChildren },
) {
  return (
    <div class="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 class="text-2xl font-extrabold tracking-tight text-gray-900">
        {title}
      </h1>
      {children}
    </div>
  );
}

const HEADER_CELL =
  "px-3 py-2 text-xs font-semibold uppercase tracking-wide text-gray-500";
/** The classes of a table header cell (text at the start), and of a body cell. */
export const TH = `${HEADER_CELL} text-start`;
/** A header cell over numbers (text at the end). */
export const TH_END = `${HEADER_CELL} text-end`;
/** See {@link TH}. */
export const TD = "px-3 py-2 align-top text-sm text-gray-800";

/**
 * A wide table that scrolls sideways on narrow screens: framed as a card of
 * its own, or `inCard` (inside a {@link Card}, under its heading).
 */
export function TableFrame(
  { children, inCard = false }: {
    children: ComponentChildren;
    inCard?: boolean;
  },
) {
  return (
    <div
      class={inCard
        ? "mt-3 overflow-x-auto"
        : "overflow-x-auto rounded-xl border border-gray-200 bg-white shadow-sm"}
    >
      <table class="min-w-full divide-y divide-gray-200">{children}</table>
    </div>
  );
}

/** The classes of a list page's filter inputs and selects. */
export const FILTER_FIELD =
  "rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-normal focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/** A link styled as a secondary button (pagination, filters). */
export function LinkButton(
  { href, children, rel, testId }: {
    href: string;
    children: ComponentChildren;
    rel?: string;
    testId?: string;
  },
) {
  return (
    <a
      href={href}
      rel={rel}
      data-testid={testId}
      class="inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50"
    >
      {children}
    </a>
  );
}

/**
 * The end of a list page's filter form: its submit button, and a link
 * back to the unfiltered list while a filter is on.
 */
export function FilterActions(
  { submit, clear, clearHref, filtered }: {
    submit: string;
    clear: string;
    clearHref: string;
    filtered: boolean;
  },
) {
  return (
    <>
      <button
        type="submit"
        class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
      >
        {submit}
      </button>
      {filtered && (
        <a
          href={clearHref}
          class="py-2 text-sm font-medium text-indigo-700 hover:underline"
        >
          {clear}
        </a>
      )}
    </>
  );
}

/** What a list page shows instead of an empty table. */
export function EmptyNote(
  { children, testId }: { children: ComponentChildren; testId?: string },
) {
  return (
    <p
      data-testid={testId}
      class="rounded-xl border border-gray-200 bg-white p-8 text-center text-sm text-gray-500"
    >
      {children}
    </p>
  );
}
