/**
 * Refusals: the returned form of a domain rule's "no".
 *
 * @module
 */
import type { Refusal } from './types.js';

/** @internal Marks refusals across builds (ESM and CJS copies share `Symbol.for` keys). */
export const refusalBrand: unique symbol = Symbol.for('servicecraft.refusal') as never;

/**
 * Makes a {@link Refusal}: what a guard or an update returns to turn an event down with a domain
 * reason. Inside a guard or an update, prefer the `refuse` argument: its `code` parameter is
 * typed as the machine's declared codes.
 *
 * @example
 * ```ts
 * import { refusal } from 'servicecraft';
 *
 * const no = refusal('INSUFFICIENT_POINTS', 'The balance is 10 points; 50 were asked for.', {
 *   balance: 10,
 *   requested: 50,
 * });
 * no.code; // 'INSUFFICIENT_POINTS'
 * ```
 *
 * @param code - One of the machine's declared refusal codes.
 * @param message - A sentence a person can act on.
 * @param details - Plain-JSON figures behind the refusal.
 * @returns The refusal, to return from a guard or an update.
 * @category Core
 */
export function refusal<const R extends string>(
  code: R,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Refusal<R> {
  const out = { code, message, details } as Refusal<R> & { [refusalBrand]: true };
  out[refusalBrand] = true;
  return out;
}

/**
 * Whether a value is a {@link Refusal} made by {@link refusal} or a `refuse` argument (from any
 * copy of the library: ESM and CJS builds recognise each other's refusals).
 *
 * @example
 * ```ts
 * import { isRefusal, refusal } from 'servicecraft';
 *
 * isRefusal(refusal('LATE', 'Too late.')); // true
 * isRefusal({ code: 'LATE', message: 'Too late.' }); // false: not made by refusal()
 * ```
 *
 * @param value - Anything.
 * @returns `true` for a refusal.
 * @category Core
 */
export function isRefusal(value: unknown): value is Refusal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [refusalBrand]?: unknown })[refusalBrand] === true
  );
}
