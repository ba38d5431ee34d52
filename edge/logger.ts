/**
 * Structured JSON logging: one line per event on stdout (stderr for errors),
 * so log shippers in every region can parse it without a format of ours.
 *
 * @module
 */

/** Log levels, least to most severe. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
};

/** A logger writing JSON lines at or above a level. */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Create a logger. `write` receives each finished line; by default lines go
 * to the console.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string, level: LogLevel) => void = writeToConsole,
): Logger {
  function log(
    at: LogLevel,
    msg: string,
    fields: Record<string, unknown> = {},
  ): void {
    if (ORDER[at] < ORDER[level]) return;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: at,
        msg,
        ...fields,
      }, errorReplacer),
      at,
    );
  }
  return {
    log,
    debug: (msg, fields) => log("debug", msg, fields),
    info: (msg, fields) => log("info", msg, fields),
    warn: (msg, fields) => log("warn", msg, fields),
    error: (msg, fields) => log("error", msg, fields),
  };
}

function writeToConsole(line: string, level: LogLevel): void {
  if (level === "error") console.error(line);
  else console.log(line);
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}
