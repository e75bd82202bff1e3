/**
 * @internal The checks every public testing function makes on its arguments before it starts: a
 * wrong option (a negative `maxLength`, `samples` that are not lists, an `assign` that is not a
 * function) is a bug in the calling test, reported as a `UsageError` naming the option, never as
 * a `TypeError` from deep inside a generator or as a search that does not end.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import { UsageError } from '../core/index.js';

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const sampleFunction = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
  message: 'expected a list of payloads or a function of the snapshot that returns one',
});
const samples = z.record(
  z.string(),
  z.union([z.array(z.looseObject({})), sampleFunction]).optional(),
);

/** @internal Where event-based checks start (`from`, `input` are checked by the engine). */
export const startOptions = z.looseObject({
  from: z.unknown().optional(),
  input: z.unknown().optional(),
});
/** @internal The options of the path generators (`PathOptions`). */
export const pathOptions = startOptions.extend({
  samples: samples.optional(),
  contextsPerState: positive.optional(),
});
/** @internal The options of `simplePaths`. */
export const simplePathOptions = pathOptions.extend({
  maxLength: count.optional(),
  limit: positive.optional(),
});
/** @internal The options of the arbitraries. */
export const arbitraryOptions = startOptions.extend({
  samples: samples.optional(),
  maxLength: count.optional(),
});
/** @internal The options of `toXStateConfig`. */
export const xstateOptions = z.looseObject({
  input: z.unknown().optional(),
  assign: z
    .custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
      message: "expected XState's assign function",
    })
    .optional(),
});
/** @internal The options of `checkConformance`. */
export const conformOptions = z.looseObject({ minScore: z.number().min(0).max(100).optional() });

/**
 * @internal Checks the options of `what` (`undefined` counts as `{}`), throwing a `UsageError`
 * that lists every wrong option.
 */
export function checkOptions(what: string, schema: z.ZodType, options: unknown): void {
  const parsed = schema.safeParse(options === undefined ? {} : options);
  if (!parsed.success) throw optionsError(what, parsed.error.issues);
}

/** @internal Checks that a value is a machine made by `defineMachine` (by its shape). */
export function checkMachine(what: string, machine: unknown): void {
  const m = machine as { edges?: unknown; states?: unknown; definition?: unknown } | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    !Array.isArray(m.edges) ||
    !Array.isArray(m.states) ||
    typeof m.definition !== 'object'
  ) {
    throw new UsageError(`${what} expects a machine made by defineMachine().`, [
      { path: ['machine'], message: 'not a machine made by defineMachine()' },
    ]);
  }
}

/** @internal Checks that a value can be iterated (a list of logs, a log of events). */
export function checkIterable(what: string, path: readonly (string | number)[], value: unknown) {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    throw new UsageError(`${what} expects ${path.join('.')} to be a list (any iterable).`, [
      { path, message: 'not iterable' },
    ]);
  }
}
