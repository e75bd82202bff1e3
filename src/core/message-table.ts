/**
 * @internal The message tables an app supplies for customer-facing text (complaint status, loyalty
 * explanations): checking a table before it is used, and calling one of its functions. A table
 * that is not an object, lacks a key, or returns anything but a string is a bug in the app's
 * table, reported as a usage error naming the key.
 *
 * @module
 */
import { UsageError } from './errors.js';

/** @internal Calls `messages[key](data)` and checks it returned a string. */
export function sayWith(
  caller: string,
  messages: Readonly<Record<string, (data: never) => unknown>>,
  key: string,
  data: unknown,
): string {
  const text: unknown = (messages[key] as (data: unknown) => unknown)(data);
  if (typeof text !== 'string') {
    throw new UsageError(
      `Invalid options for ${caller}: messages.${key} returned ${text === null ? 'null' : typeof text}, not a string.`,
      [{ path: ['messages', key], message: 'did not return a string' }],
    );
  }
  return text;
}

/**
 * @internal Checks a supplied table: an object with a function for every key. `english` names the
 * default table to spread in the error's advice (`complaintStatusMessagesEn`).
 */
export function checkTable<T>(
  caller: string,
  messages: unknown,
  keys: readonly string[],
  english: string,
): T {
  if (typeof messages !== 'object' || messages === null) {
    throw new UsageError(
      `Invalid options for ${caller}: messages must be a table of functions (received ${messages === null ? 'null' : typeof messages}); spread ${english} to keep the English ones.`,
      [{ path: ['messages'], message: 'expected an object' }],
    );
  }
  const missing = keys.filter(
    (k) => typeof (messages as Partial<Record<string, unknown>>)[k] !== 'function',
  );
  if (missing.length > 0) {
    throw new UsageError(
      `Invalid options for ${caller}: the messages table has no function for ${missing.join(', ')}; supply every key (spread ${english} to keep the English ones).`,
      missing.map((k) => ({ path: ['messages', k], message: 'expected a function' })),
    );
  }
  return messages as T;
}
