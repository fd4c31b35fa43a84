import type { EventsLogger } from './types.js';

const noop = (): void => undefined;

/** The default when no logger is given: warnings and errors as JSON lines on stderr, nothing else. */
export const stderrLogger: EventsLogger = {
  debug: noop,
  info: noop,
  warn: (obj, msg) => console.warn(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', msg, ...serializable(obj) })),
};

/** Errors lose their message in JSON.stringify; keep what an operator needs. */
export function serializable(obj: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = v instanceof Error ? { name: v.name, message: v.message } : v;
  return out;
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
