/**
 * Every error the engine reports: the closed unions of codes, the data each carries, the sentences
 * people read, and the small class family thrown by the throwing conveniences.
 *
 * @module
 */
import type * as z from 'zod';
import type { Refusal } from './types.js';

/**
 * A zod issue, as reported for payload and context problems.
 *
 * @category Core
 */
export type ValidationIssue = z.core.$ZodIssue;

// ---------------------------------------------------------------------------------------------
// Transition issues
// ---------------------------------------------------------------------------------------------

/**
 * Why a transition was refused. The union is closed: a `switch` over it can be exhaustive.
 *
 * - `UNKNOWN_EVENT`: the value is not an event of this machine (or not an event at all).
 * - `INVALID_PAYLOAD`: the event's payload fails its schema.
 * - `EVENT_NOT_ALLOWED`: the machine knows the event, but the current state does not take it.
 * - `GUARD_REJECTED`: every candidate for the event is guarded, and no guard passed.
 * - `REFUSED`: a domain rule (a guard or an update) returned a refusal; `reason.code` says which.
 * - `FINAL_STATE`: the snapshot is in a final state and accepts nothing more.
 * - `INVALID_SNAPSHOT`: the snapshot belongs to another machine or version, or names an unknown state.
 * - `UPDATE_FAILED`: the update returned a context that fails the schema or breaks an invariant.
 * - `RULE_THREW`: a guard, update or invariant threw: a bug in that code, not a refusal.
 *
 * @category Core
 */
export type TransitionErrorCode =
  | 'UNKNOWN_EVENT'
  | 'INVALID_PAYLOAD'
  | 'EVENT_NOT_ALLOWED'
  | 'GUARD_REJECTED'
  | 'REFUSED'
  | 'FINAL_STATE'
  | 'INVALID_SNAPSHOT'
  | 'UPDATE_FAILED'
  | 'RULE_THREW';

/**
 * The data of a refused transition: a union on `code`. Every variant has `code`, `message`, the
 * `state` it happened in and the `event` type (when there was one); some carry more. `R` is the
 * machine's union of refusal codes: `issue.reason?.code === 'INSUFFICIENT_POINTS'` narrows to a
 * {@link RefusedIssue} with no helper.
 *
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type TransitionIssue<R extends string = string> =
  | UnknownEventIssue
  | InvalidPayloadIssue
  | EventNotAllowedIssue
  | GuardRejectedIssue
  | RefusedIssue<R>
  | FinalStateIssue
  | InvalidSnapshotIssue
  | UpdateFailedIssue
  | RuleThrewIssue;

/**
 * The value is not an event of this machine.
 *
 * @category Core
 */
export interface UnknownEventIssue extends IssueBase<'UNKNOWN_EVENT'> {
  /** Every event type the machine knows. */
  readonly known: readonly string[];
}

/**
 * The event's payload fails its schema.
 *
 * @category Core
 */
export interface InvalidPayloadIssue extends IssueBase<'INVALID_PAYLOAD'> {
  /** The zod issues, with paths inside the payload. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * The current state does not take this event.
 *
 * @category Core
 */
export interface EventNotAllowedIssue extends IssueBase<'EVENT_NOT_ALLOWED'> {
  /** The events the current state does take. */
  readonly allowed: readonly string[];
}

/**
 * No guard of the event's candidates passed.
 *
 * @category Core
 */
export interface GuardRejectedIssue extends IssueBase<'GUARD_REJECTED'> {
  /** The guards that returned false. */
  readonly guards: readonly string[];
  /** The events accepted now: exactly what `nextEvents` returns for the same snapshot. */
  readonly allowed: readonly string[];
}

/**
 * A domain rule turned the event down: a guard or an update returned a {@link Refusal}.
 *
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface RefusedIssue<R extends string = string> extends IssueCore<'REFUSED'> {
  /** The refusal: a code from the machine's declared set, a sentence and JSON details. */
  readonly reason: Refusal<R>;
  /** The guard that refused, or `undefined` when the update did. */
  readonly guard: string | undefined;
  /** The events accepted now: exactly what `nextEvents` returns for the same snapshot. */
  readonly allowed: readonly string[];
}

/**
 * A guard, update or invariant threw, or returned a refusal with an undeclared code: a bug in
 * that code, not a domain outcome. The snapshot is unchanged.
 *
 * @category Core
 */
export interface RuleThrewIssue extends IssueBase<'RULE_THREW'> {
  /** What threw: a guard, an update or an invariant. */
  readonly rule: 'guard' | 'update' | 'invariant';
  /** The guard's or invariant's name (`undefined` for an update). */
  readonly name: string | undefined;
  /** What was thrown (or an Error describing the undeclared refusal code). */
  readonly cause: unknown;
}

/**
 * The snapshot is in a final state.
 *
 * @category Core
 */
export type FinalStateIssue = IssueBase<'FINAL_STATE'>;

/**
 * The snapshot belongs to another machine or version, or names an unknown state.
 *
 * @category Core
 */
export interface InvalidSnapshotIssue extends IssueBase<'INVALID_SNAPSHOT'> {
  /** What is wrong with the snapshot. */
  readonly problems: readonly string[];
}

/**
 * The context update returned a context that fails the schema, or the next snapshot breaks one
 * of the machine's invariants.
 *
 * @category Core
 */
export interface UpdateFailedIssue extends IssueBase<'UPDATE_FAILED'> {
  /** The zod issues of the returned context (empty when an invariant failed). */
  readonly issues: readonly ValidationIssue[];
  /** The invariants the next snapshot breaks (empty when the schema failed). */
  readonly invariants: readonly string[];
}

/**
 * The fields every {@link TransitionIssue} has, with `reason` absent: only a
 * {@link RefusedIssue} has one, so `issue.reason?.code` reads on the whole union.
 *
 * @typeParam Code - The issue code, one of the transition error codes.
 * @category Core
 */
export interface IssueBase<Code extends TransitionErrorCode> extends IssueCore<Code> {
  /** Only refusals have a reason. */
  readonly reason?: undefined;
}

/**
 * The fields every {@link TransitionIssue} has.
 *
 * @typeParam Code - The issue code, one of the transition error codes.
 * @category Core
 */
export interface IssueCore<Code extends TransitionErrorCode> {
  /** What went wrong, as a closed code. */
  readonly code: Code;
  /** A sentence a person can act on: what happened, where, and what is allowed instead. */
  readonly message: string;
  /** The state the snapshot was in (`undefined` when the snapshot itself was unreadable). */
  readonly state: string | undefined;
  /** The event type, when the value had one. */
  readonly event: string | undefined;
}

/** `a, b, c` (a loop: `join` on the frozen lists of the tables is several times slower). */
function list(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  let out = names[0] as string;
  for (let i = 1; i < names.length; i++) out += `, ${names[i]}`;
  return out;
}

/** @internal The sentences of the transition issues, in one place. */
export const transitionMessages = {
  notAnEvent: (received: string) =>
    `Expected an event object with a string "type", received ${received}.`,
  unknownEvent: (machine: string, type: string, known: readonly string[]) =>
    `Event ${type} is not an event of machine '${machine}'; known events: ${list(known)}.`,
  finalState: (state: string, type: string) =>
    `Event ${type} cannot be handled: state '${state}' is final and accepts no events.`,
  notAllowed: (state: string, type: string, allowed: readonly string[]) =>
    transitionMessages.notAllowedWith(state, type, transitionMessages.allowedTail(allowed)),
  /** `notAllowed` with its end already made (see `allowedTail`). */
  notAllowedWith: (state: string, type: string, tail: string) =>
    `Event ${type} is not allowed in state '${state}'${tail}`,
  /** The end of `notAllowed`, made once per state without guards when a machine is defined. */
  allowedTail: (allowed: readonly string[]) => `; allowed: ${list(allowed)}.`,
  invalidPayload: (state: string, type: string, detail: string) =>
    `Event ${type} has an invalid payload in state '${state}': ${detail}.`,
  guardRejected: (
    state: string,
    type: string,
    guards: readonly string[],
    allowed: readonly string[],
  ) =>
    `Event ${type} was rejected in state '${state}': guard ${guards.map((g) => `'${g}'`).join(', ')} returned false; events accepted now: ${list(allowed)}.`,
  /** The fixed start of `refused`, made once per state and event when a machine is defined. */
  refusedPrefix: (state: string, type: string) => `Event ${type} was refused in state '${state}' (`,
  refused: (state: string, type: string, code: string, message: string) =>
    transitionMessages.refusedWith(transitionMessages.refusedPrefix(state, type), code, message),
  /** `refused` with its start already made (see `refusedPrefix`). */
  refusedWith: (prefix: string, code: string, message: string) =>
    `${prefix}${code}): ${clip(message, 1000)}`,
  ruleThrew: (state: string, type: string, what: string, cause: unknown) =>
    `Event ${type} in state '${state}' could not be decided: ${what} threw (${describeCause(cause)}). This is a bug in that code, not a refusal; the snapshot is unchanged.`,
  undeclaredRefusal: (what: string, code: string, declared: readonly string[]) =>
    `${what} returned refusal code ${describeValue(code)}, which the machine does not declare (declared: ${list(declared)})`,
  updateInvalid: (state: string, type: string, detail: string) =>
    `Event ${type} in state '${state}' failed: its context update produced a context that breaks the schema (${detail}); the snapshot is unchanged.`,
  invariantBroken: (state: string, type: string, detail: string) =>
    `Event ${type} in state '${state}' failed: the next snapshot breaks ${detail}; the snapshot is unchanged.`,
  wrongMachine: (expected: string, version: number, got: string) =>
    `The snapshot belongs to ${got}, not to machine '${expected}' version ${version}; restore or migrate it with restoreSnapshot first.`,
  notASnapshot: (machine: string, version: number, got: string) =>
    `Expected a snapshot of machine '${machine}' version ${version} ({ machine, version, state, context, status, revision }), received ${got}; make one with initialSnapshot or restoreSnapshot.`,
  badRevision: (machine: string, got: string) =>
    `The snapshot of machine '${machine}' has revision ${got}; expected a non-negative integer below ${Number.MAX_SAFE_INTEGER} (restore it with restoreSnapshot first).`,
  unknownState: (machine: string, state: string) =>
    `The snapshot names state '${state}', which machine '${machine}' does not have.`,
};

/** @internal Cuts a text to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const shownIssues = 10;

/**
 * @internal Renders zod issues as one short clause: `path: message; path: message`. Bounded: at
 * most ten issues, each path and message clipped, whatever the input.
 */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, shownIssues).map((issue) => {
    const path = issue.path.length
      ? `${clip(issue.path.slice(0, 8).map(String).join('.'), 120)}${issue.path.length > 8 ? '…' : ''}: `
      : '';
    return `${path}${clip(issue.message, 200)}`;
  });
  if (issues.length > shownIssues) shown.push(`and ${issues.length - shownIssues} more`);
  return shown.join('; ');
}

/** @internal Names a value in a sentence, bounded in length whatever the value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(clip(value, 60))}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${clip(String(value), 60)}`;
}

/** @internal Names what a rule threw: its message, clipped. */
export function describeCause(cause: unknown): string {
  let text: string;
  try {
    text = cause instanceof Error ? cause.message : String(cause);
  } catch {
    text = 'an unprintable value';
  }
  return clip(text, 300);
}

// ---------------------------------------------------------------------------------------------
// Snapshot issues
// ---------------------------------------------------------------------------------------------

/**
 * Why a snapshot could not be made or restored.
 *
 * - `INVALID_SNAPSHOT`: {@link restoreSnapshot} found the value foreign, tampered or malformed.
 * - `INVALID_CONTEXT`: {@link initialSnapshot} was given an input that fails the context schema.
 *
 * @category Core
 */
export type SnapshotErrorCode = 'INVALID_SNAPSHOT' | 'INVALID_CONTEXT';

/**
 * The data of a rejected snapshot: every problem found, not just the first.
 *
 * @category Core
 */
export interface SnapshotIssue {
  /** What went wrong, as a closed code. */
  readonly code: SnapshotErrorCode;
  /** A sentence summarising every problem. */
  readonly message: string;
  /** Each problem, with the path inside the snapshot where it was found. */
  readonly problems: readonly SnapshotProblem[];
  /** The zod issues of the context, when the context failed its schema. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * One problem inside a rejected snapshot.
 *
 * @category Core
 */
export interface SnapshotProblem {
  /** Where in the snapshot: e.g. `['context', 'replies']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong there. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Definition problems
// ---------------------------------------------------------------------------------------------

/**
 * What can be wrong with a machine definition.
 *
 * @category Core
 */
export type DefinitionProblemCode =
  | 'INVALID_ID'
  | 'INVALID_VERSION'
  | 'MISSING_INITIAL'
  | 'NO_STATES'
  | 'RESERVED_NAME'
  | 'UNKNOWN_TARGET'
  | 'UNREACHABLE_STATE'
  | 'DEAD_END'
  | 'UNDEFINED_GUARD'
  | 'UNDECLARED_EVENT'
  | 'FINAL_WITH_TRANSITIONS'
  | 'INVALID_TRANSITION'
  | 'INVALID_SCHEMA'
  | 'INVALID_MIGRATION'
  | 'INVALID_REFUSAL'
  | 'INVALID_INVARIANT'
  | 'INVALID_WAKE_UP';

/**
 * One problem found in a definition, with where it is.
 *
 * @category Core
 */
export interface DefinitionProblem {
  /** What is wrong, as a closed code. */
  readonly code: DefinitionProblemCode;
  /** Where in the definition: e.g. `['states', 'present', 'on', 'NEXT']`. */
  readonly path: readonly string[];
  /** A sentence saying what is wrong and how to fix it. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// The class family
// ---------------------------------------------------------------------------------------------

const brand: unique symbol = Symbol.for('servicecraft.error') as never;

/**
 * The base of every error servicecraft throws, in the core and in every domain. `kind` names the
 * class; {@link isServicecraftError} recognises it across realms and across copies of the library
 * (it reads a registered symbol, not `instanceof`).
 *
 * @example
 * ```ts
 * import { isServicecraftError } from 'servicecraft';
 * import { nps } from 'servicecraft/metrics';
 *
 * try {
 *   nps([11]);
 * } catch (error) {
 *   if (isServicecraftError(error)) console.log(error.kind); // 'MetricError'
 * }
 * ```
 *
 * @category Core
 */
export class ServicecraftError extends Error {
  /** The error's class name, e.g. `'TransitionError'`. */
  readonly kind: string;

  /**
   * @param kind - The class name, also used as `name`.
   * @param message - A sentence a person can act on.
   */
  constructor(kind: string, message: string) {
    super(message);
    this.name = kind;
    this.kind = kind;
    Object.defineProperty(this, brand, { value: kind });
  }
}

/**
 * Whether a value is an error thrown by servicecraft (of the given `kind`, when one is named),
 * also when it comes from another realm or another copy of the library.
 *
 * @example
 * ```ts
 * import { isServicecraftError } from 'servicecraft';
 *
 * isServicecraftError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @param kind - A class name to match, e.g. `'SnapshotError'`.
 * @returns `true` for a servicecraft error (of that kind).
 * @category Core
 */
export function isServicecraftError(value: unknown, kind?: string): value is ServicecraftError {
  if (typeof value !== 'object' || value === null) return false;
  const found = (value as { [brand]?: unknown })[brand];
  return typeof found === 'string' && (kind === undefined || found === kind);
}

/**
 * Thrown by {@link defineMachine} when a definition has problems; lists all of them.
 *
 * @example
 * ```ts
 * import { defineMachine, isDefinitionError } from 'servicecraft';
 *
 * try {
 *   defineMachine({
 *     id: 'broken',
 *     version: 1,
 *     initial: 'a',
 *     events: { GO: null },
 *     // @ts-expect-error 'c' is not a state
 *     states: { a: { on: { GO: 'c' } }, b: { type: 'final' } },
 *   });
 * } catch (error) {
 *   if (isDefinitionError(error)) console.log(error.problems.map((p) => p.code));
 *   // ['UNKNOWN_TARGET', 'UNREACHABLE_STATE']
 * }
 * ```
 *
 * @category Core
 */
export class DefinitionError extends ServicecraftError {
  /** Every problem found, in definition order. */
  readonly problems: readonly DefinitionProblem[];
  /**
   * @param machineId - The id of the definition (or `'?'` when it had none).
   * @param problems - Every problem found.
   */
  constructor(machineId: string, problems: readonly DefinitionProblem[]) {
    const lines = problems.map((p) => `  - ${p.path.join('.') || '(root)'}: ${p.message}`);
    super(
      'DefinitionError',
      `Machine '${machineId}' has ${problems.length} definition problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
    this.problems = problems;
  }
}

/**
 * Thrown by the throwing conveniences ({@link transitionOrThrow}, {@link replayOrThrow}) with the
 * same data the result form returns.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, isTransitionError, transitionOrThrow } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * try {
 *   transitionOrThrow(door, initialSnapshot(door), { type: 'CLOSE' });
 * } catch (error) {
 *   if (isTransitionError(error)) console.log(error.code); // 'EVENT_NOT_ALLOWED'
 * }
 * ```
 *
 * @category Core
 */
export class TransitionError extends ServicecraftError {
  /** The issue's code. */
  readonly code: TransitionErrorCode;
  /** The full issue, as the result form would have returned it. */
  readonly issue: TransitionIssue;
  /** @param issue - The refused transition's data. */
  constructor(issue: TransitionIssue) {
    super('TransitionError', issue.message);
    this.code = issue.code;
    this.issue = issue;
  }
}

/**
 * Thrown by {@link initialSnapshot} for an input that fails the context schema, and by
 * {@link restoreSnapshotOrThrow} for a snapshot that cannot be restored.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot, isSnapshotError } from 'servicecraft';
 *
 * const counter = defineMachine({
 *   id: 'counter', version: 1, initial: 'on', context: z.object({ n: z.number().int() }),
 *   events: { TICK: null }, states: { on: { on: { TICK: 'on' } } },
 * });
 * try {
 *   initialSnapshot(counter, { n: 1.5 });
 * } catch (error) {
 *   if (isSnapshotError(error)) console.log(error.code); // 'INVALID_CONTEXT'
 * }
 * ```
 *
 * @category Core
 */
export class SnapshotError extends ServicecraftError {
  /** The issue's code. */
  readonly code: SnapshotErrorCode;
  /** The full issue. */
  readonly issue: SnapshotIssue;
  /** @param issue - The rejected snapshot's data. */
  constructor(issue: SnapshotIssue) {
    super('SnapshotError', issue.message);
    this.code = issue.code;
    this.issue = issue;
  }
}

/**
 * Whether a value is a {@link DefinitionError}, also when it comes from another realm or another
 * copy of the library (the check reads a registered symbol, not `instanceof`).
 *
 * @example
 * ```ts
 * import { isDefinitionError } from 'servicecraft';
 *
 * isDefinitionError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @returns `true` for a definition error.
 * @category Core
 */
export function isDefinitionError(value: unknown): value is DefinitionError {
  return isServicecraftError(value, 'DefinitionError');
}

/**
 * Whether a value is a {@link TransitionError}, across realms and library copies.
 *
 * @example
 * ```ts
 * import { isTransitionError } from 'servicecraft';
 *
 * isTransitionError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @returns `true` for a transition error.
 * @category Core
 */
export function isTransitionError(value: unknown): value is TransitionError {
  return isServicecraftError(value, 'TransitionError');
}

/**
 * Whether a value is a {@link SnapshotError}, across realms and library copies.
 *
 * @example
 * ```ts
 * import { isSnapshotError } from 'servicecraft';
 *
 * isSnapshotError(new Error('x')); // false
 * ```
 *
 * @param value - Anything caught.
 * @returns `true` for a snapshot error.
 * @category Core
 */
export function isSnapshotError(value: unknown): value is SnapshotError {
  return isServicecraftError(value, 'SnapshotError');
}

/**
 * A function of the library was called the wrong way: a factory's options fail their schema, or a
 * value that should be a machine made by `defineMachine` is not one. This is a bug in the calling
 * code, never a rule outcome.
 *
 * @example
 * ```ts
 * import { isServicecraftError, transition } from 'servicecraft';
 *
 * try {
 *   transition({} as never, {} as never, { type: 'GO' } as never);
 * } catch (error) {
 *   isServicecraftError(error, 'UsageError'); // true
 * }
 * ```
 *
 * @category Core
 */
export class UsageError extends ServicecraftError {
  /** Each problem, with the path inside the arguments where it was found. */
  readonly problems: readonly SnapshotProblem[];
  /**
   * @param message - What was wrong, as a sentence.
   * @param problems - Each problem with its path.
   */
  constructor(message: string, problems: readonly SnapshotProblem[] = []) {
    super('UsageError', message);
    this.problems = problems;
  }
}

/**
 * @internal Makes a {@link UsageError} from zod issues of a factory's options.
 */
export function optionsError(what: string, issues: readonly ValidationIssue[]): UsageError {
  return new UsageError(
    `Invalid options for ${what}: ${describeIssues(issues)}.`,
    issues.slice(0, 50).map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  );
}
