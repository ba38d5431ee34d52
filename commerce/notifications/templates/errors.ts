/**
 * The email templates' error classes. Both are permanent: the outbox marks
 * a row that throws one `failed`, and an operator `requeue`s it after the
 * producer or the template is fixed.
 *
 * @module
 */
import type { z } from "zod";

/** No template renders this kind of notification. */
export class UnknownTemplateError extends Error {
  /** The outbox row's kind. */
  readonly kind: string;

  constructor(kind: string) {
    super(`No email template renders notifications of kind '${kind}'`);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/**
 * A notification's payload does not match its template's schema (a
 * missing field, an amount that is not a decimal, a link that is not
 * http(s)). `issues` are zod's, with the path of each bad field.
 */
export class InvalidPayloadError extends Error {
  /** The outbox row's kind. */
  readonly kind: string;
  /** What is wrong, field by field. */
  readonly issues: z.core.$ZodIssue[];

  constructor(kind: string, error: z.ZodError) {
    const fields = error.issues.map((issue) =>
      `'${issue.path.join(".") || "(payload)"}': ${issue.message}`
    );
    super(
      `The payload of a '${kind}' notification is invalid: ${
        fields.join("; ")
      }`,
      { cause: error },
    );
    this.name = new.target.name;
    this.kind = kind;
    this.issues = error.issues;
  }
}
