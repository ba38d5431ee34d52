import type { ComponentChildren } from "preact";

/**
 * The frame of an account page: a narrow card with a heading, an optional
 * introduction and the page's form or message.
 */
export function AuthCard(
  { title, intro, children }: {
    title: string;
    intro?: string;
    children?: ComponentChildren;
  },
) {
  return (
    <section class="mx-auto w-full max-w-md px-4 py-12">
      <div class="rounded-2xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 class="[text-wrap:balance] text-2xl font-bold tracking-tight">
          {title}
        </h1>
        {intro && <p class="mt-2 text-gray-600">{intro}</p>}
        <div class="mt-6">{children}</div>
      </div>
    </section>
  );
}
