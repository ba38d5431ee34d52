import type { ComponentChildren } from "preact";

/**
 * A labelled form field with its translated error messages beside it
 * (`aria-invalid`, `aria-describedby`) and an optional hint below.
 */
export function Field(
  props: {
    name: string;
    label: string;
    type?: "text" | "email" | "password" | "tel";
    value?: string;
    errors?: string[];
    autocomplete?: string;
    required?: boolean;
    maxLength?: number;
    hint?: ComponentChildren;
  },
) {
  const { name, errors = [] } = props;
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const described = [
    errors.length > 0 ? errorId : "",
    props.hint ? hintId : "",
  ].filter(Boolean).join(" ");
  return (
    <div class="mb-4">
      <label for={name} class="block text-sm font-medium text-gray-800">
        {props.label}
      </label>
      <input
        id={name}
        name={name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={errors.length > 0 ? "true" : undefined}
        aria-describedby={described || undefined}
        class={`mt-1 block w-full rounded-md border px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
          errors.length > 0 ? "border-red-500" : "border-gray-300"
        }`}
      />
      {errors.length > 0 && (
        <ul id={errorId} class="mt-1 text-sm text-red-700" data-field-error>
          {errors.map((message) => <li key={message}>{message}</li>)}
        </ul>
      )}
      {props.hint && (
        <div id={hintId} class="mt-1 text-sm text-gray-600">{props.hint}</div>
      )}
    </div>
  );
}
