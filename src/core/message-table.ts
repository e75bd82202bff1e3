/**
 * @internal Calling one function of a message table an app supplied (complaint status, loyalty
 * explanations): a table whose function returns anything but a string is a bug in the app's
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
