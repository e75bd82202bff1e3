/**
 * `servicecraft/vitest`: the matchers `toAccept`, `toReject`, `toBeInState` and `toConformTo`, and
 * their types on vitest's `expect`. This entry imports only vitest's types; register the matchers
 * with `installMatchers(expect)`, or list `servicecraft/vitest/setup` in vitest's `setupFiles`.
 * For the types to reach test files that import nothing from here (the usual case with a setup
 * file), add `"types": ["servicecraft/vitest"]` to the tests' tsconfig.
 *
 * @module servicecraft/vitest
 */
import type { ExpectStatic, MatcherState } from 'vitest';
import {
  type AnyMachine,
  type EventFrom,
  type RefusalFrom,
  type StateFrom,
  type TransitionErrorCode,
  UsageError,
} from '../core/index.js';
import type { AnyFramework } from '../frameworks/index.js';
import {
  type CheckOptions,
  type CheckResult,
  checkAccept,
  checkReject,
  checkState,
} from '../testing/checks.js';
import { type ConformOptions, checkConformance } from '../testing/conform.js';
import type { EventLike } from '../testing/paths.js';

/**
 * The events a matcher takes for a received value: the machine's own events when it is a typed
 * machine, any event otherwise.
 *
 * @category Testing
 */
export type ReceivedEvent<T> = T extends AnyMachine ? EventFrom<T> : EventLike;
/**
 * The codes `toReject` takes for a received value: every transition error code, plus the
 * machine's own refusal codes when it is a typed machine (any string otherwise).
 *
 * @category Testing
 */
export type ReceivedCode<T> =
  | TransitionErrorCode
  | (T extends AnyMachine ? RefusalFrom<T> : string);
/**
 * The state names a matcher takes for a received snapshot, flow or result: its machine's state
 * names when typed, any string otherwise.
 *
 * @category Testing
 */
export type ReceivedState<T> =
  T extends Readonly<Record<'state', infer S extends string>>
    ? S
    : T extends Readonly<Record<'machine', infer M extends AnyMachine>>
      ? StateFrom<M>
      : T extends Readonly<Record<'snapshot', Readonly<Record<'state', infer S extends string>>>>
        ? S
        : string;

/**
 * The matchers this package adds to vitest's `expect`.
 *
 * @category Testing
 */
export interface ServicecraftMatchers<T = unknown> {
  /**
   * Asserts that the received machine accepts every event in order (from its initial snapshot
   * or `options.from`). On failure the message shows the path taken, the refusal, and what the
   * state accepted at that step.
   */
  toAccept(events: readonly ReceivedEvent<T>[], options?: CheckOptions): void;
  /**
   * Asserts that the received machine accepts every event but the last and refuses the last
   * (with `code`, when given: a transition error code such as `'REFUSED'`, or one of the
   * machine's refusal codes such as `'INSUFFICIENT_POINTS'`). Pass a single event to check it
   * from the start snapshot.
   */
  toReject(
    events: ReceivedEvent<T> | readonly ReceivedEvent<T>[],
    code?: ReceivedCode<T>,
    options?: CheckOptions,
  ): void;
  /** Asserts that the received snapshot (or flow, or transition/replay result) is in `state`. */
  toBeInState(state: ReceivedState<T>): void;
  /**
   * Asserts that the received interaction record scores at least `options.minScore` (default
   * 100) against the framework; the message lists every deviation found.
   */
  toConformTo(framework: AnyFramework, options?: ConformOptions): void;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration
  interface Matchers<T = any> extends ServicecraftMatchers<T> {}
  interface AsymmetricMatchersContaining extends ServicecraftMatchers {}
}

const isMachine = (value: unknown): value is AnyMachine =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { edges?: unknown }).edges) &&
  typeof (value as { definition?: unknown }).definition === 'object';

function machineOf(received: unknown, matcher: string): AnyMachine {
  if (!isMachine(received)) {
    throw new UsageError(
      `${matcher} expects a machine made by defineMachine as the received value, e.g. expect(machine).${matcher}(...).`,
      [{ path: ['received'], message: 'not a machine made by defineMachine()' }],
    );
  }
  return received;
}

/**
 * What a matcher returns to vitest.
 *
 * @category Testing
 */
export interface MatcherOutcome {
  /** Whether the received value satisfied the matcher. */
  readonly pass: boolean;
  /** The failure message, computed on demand. */
  readonly message: () => string;
}

const toMatcherResult = ({ pass, message }: CheckResult): MatcherOutcome => ({
  pass,
  message: () => message,
});

/**
 * The matcher implementations, ready for `expect.extend`.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { servicecraftMatchers } from 'servicecraft/vitest';
 *
 * expect.extend(servicecraftMatchers);
 * ```
 *
 * @category Testing
 */
export const servicecraftMatchers = {
  /** See {@link ServicecraftMatchers.toAccept}. */
  toAccept(
    this: MatcherState,
    received: unknown,
    events: readonly unknown[],
    options?: CheckOptions,
  ): MatcherOutcome {
    return toMatcherResult(checkAccept(machineOf(received, 'toAccept'), events as never, options));
  },
  /** See {@link ServicecraftMatchers.toReject}. */
  toReject(
    this: MatcherState,
    received: unknown,
    events: unknown,
    code?: string,
    options?: CheckOptions,
  ): MatcherOutcome {
    const machine = machineOf(received, 'toReject');
    return toMatcherResult(checkReject(machine, events as never, code as never, options));
  },
  /** See {@link ServicecraftMatchers.toBeInState}. */
  toBeInState(this: MatcherState, received: unknown, state: string): MatcherOutcome {
    return toMatcherResult(checkState(received, state));
  },
  /** See {@link ServicecraftMatchers.toConformTo}. */
  toConformTo(
    this: MatcherState,
    received: unknown,
    framework: AnyFramework,
    options?: ConformOptions,
  ): MatcherOutcome {
    return toMatcherResult(checkConformance(framework, received, options));
  },
};

/**
 * Registers {@link servicecraftMatchers} on vitest's `expect`. Call it once, e.g. in a vitest
 * setup file; importing this package has no side effects.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { installMatchers } from 'servicecraft/vitest';
 *
 * installMatchers(expect);
 * ```
 *
 * @param expect - vitest's `expect`.
 * @category Testing
 */
export function installMatchers(expect: Pick<ExpectStatic, 'extend'>): void {
  expect.extend(servicecraftMatchers);
}
