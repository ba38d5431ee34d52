/**
 * An error an operator can act on (bad configuration, a database in use, an
 * edited migration): entry points print its message alone and exit 1, with
 * no stack trace to dig through.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Run a command's body; a {@link StartupError} is printed and exits 1, any
 * other error propagates as a bug.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(error.message);
    Deno.exit(1);
  }
}
