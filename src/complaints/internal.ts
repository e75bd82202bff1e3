/**
 * @internal Small helpers shared by the complaint modules: freezing exported data all the way
 * down, and naming untrusted values in messages without ever serialising them whole.
 *
 * @module
 */
import { clip, describeValue } from '../core/errors.js';

/**
 * @internal Freezes a plain value and every object, array or function inside it, then returns it.
 * Used at module level on exported data, and on the copies factories keep of their options, so
 * no caller can change what every other caller reads.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if ((typeof next !== 'object' && typeof next !== 'function') || next === null) continue;
    if (seen.has(next)) continue;
    seen.add(next);
    Object.freeze(next);
    for (const key of Object.keys(next)) pending.push((next as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * @internal Names a value in a message, bounded whatever it is: a string is quoted and clipped,
 * anything else is described by kind (`an array`, `number 12.5`, ...).
 */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(clip(value, 60)) : describeValue(value);
}

/**
 * @internal The error option of an object schema: `message` when the value is not an object at
 * all, zod's own message (naming unknown keys, ...) otherwise.
 */
export function notAnObject(
  message: string,
): (issue: { readonly code?: string }) => string | undefined {
  return (issue) => (issue.code === 'invalid_type' ? message : undefined);
}
