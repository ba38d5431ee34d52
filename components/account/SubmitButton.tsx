import type { ComponentChildren } from "preact";

/** The main button of an account form. */
export function SubmitButton(
  { children, name, value, tone = "primary" }: {
    children: ComponentChildren;
    name?: string;
    value?: string;
    tone?: "primary" | "secondary";
  },
) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      class={tone === "primary"
        ? "w-full rounded-md bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
        : "w-full rounded-md border border-gray-300 bg-white px-4 py-2 font-semibold text-gray-800 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"}
    >
      {children}
    </button>
  );
}
