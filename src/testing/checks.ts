/**
 * The logic and messages behind the vitest matchers, kept free of vitest so it can be reused by
 * other test runners: each check returns `{ pass, message }`, where the message explains the
 * outcome for both the plain and the negated assertion, with the path taken and what the state
 * accepted at the failing step.
 *
 * @module
 */
import {
  type AnyMachine,
  type EventFrom,
  initialSnapshot,
  nextEvents,
  type RefusalFrom,
  type SnapshotFrom,
  type Step,
  type TransitionErrorCode,
  type TransitionIssue,
  transition,
  UsageError,
} from '../core/index.js';
import { checkOptions, startOptions } from './options.js';
import { describePath } from './paths.js';

/**
 * The outcome of a check: whether it passed, and a message for when the assertion fails.
 *
 * @category Testing
 */
export interface CheckResult {
  /** Whether the received value satisfied the check. */
  readonly pass: boolean;
  /** Explains a failure: for `pass: false` why it failed, for `pass: true` why `.not` fails. */
  readonly message: string;
}

/**
 * Where event-based checks start.
 *
 * @category Testing
 */
export interface CheckOptions<M extends AnyMachine = AnyMachine> {
  /** The snapshot to start from (default: the initial snapshot). */
  readonly from?: SnapshotFrom<M>;
  /** The initial context input, when starting from the initial snapshot. */
  readonly input?: unknown;
}

interface Run {
  readonly start: string;
  readonly steps: Step[];
  readonly snapshot: SnapshotFrom<AnyMachine>;
  readonly refused?: { readonly index: number; readonly error: TransitionIssue };
}

/** Applies events until one is refused. */
function run(machine: AnyMachine, events: readonly unknown[], options: CheckOptions): Run {
  checkOptions('the check', startOptions, options);
  if (!Array.isArray(events)) {
    throw new UsageError('The check expects the events as a list.', [
      { path: ['events'], message: 'not an array' },
    ]);
  }
  let snapshot = options.from ?? initialSnapshot(machine, options.input);
  const start: string = snapshot.state;
  const steps: Step[] = [];
  for (const [index, event] of events.entries()) {
    const result = transition(machine, snapshot, event as EventFrom<AnyMachine>);
    if (!result.ok) return { start, steps, snapshot, refused: { index, error: result.error } };
    steps.push(result.step);
    snapshot = result.snapshot;
  }
  return { start, steps, snapshot };
}

const typeOf = (event: unknown) =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { type?: unknown }).type === 'string'
    ? (event as { type: string }).type
    : String(event);

function trace(machine: AnyMachine, r: Run, refusedType?: string): string {
  const path = describePath(r.start, r.steps);
  const taken = r.steps.length === 0 ? r.start : path;
  const line = refusedType === undefined ? path : `${taken} --${refusedType}--> (refused)`;
  const accepted = nextEvents(machine, r.snapshot);
  return [
    `Path taken:\n  ${line}`,
    `Accepted in '${r.snapshot.state}' now: ${accepted.length === 0 ? 'nothing' : accepted.join(', ')}`,
  ].join('\n');
}

const count = (n: number) => `${n} event${n === 1 ? '' : 's'}`;

/**
 * Whether the machine accepts every event in order (the check behind `toAccept`).
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { checkAccept } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * checkAccept(door, [{ type: 'OPEN' }, { type: 'OPEN' }]).pass; // false
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param events - The events, oldest first.
 * @param options - The start snapshot or initial input.
 * @returns The outcome and its explanation.
 * @category Testing
 */
export function checkAccept<M extends AnyMachine>(
  machine: M,
  events: readonly EventFrom<M>[],
  options: CheckOptions<M> = {},
): CheckResult {
  const r = run(machine, events, options);
  if (r.refused === undefined) {
    return {
      pass: true,
      message: `Expected machine '${machine.id}' to refuse ${events.length === 1 ? 'the event' : `one of the ${count(events.length)}`}, but it accepted ${events.length === 1 ? 'it' : 'them all'} and ended in '${r.snapshot.state}'.\n${trace(machine, r)}`,
    };
  }
  const { index, error } = r.refused;
  const type = typeOf(events[index]);
  return {
    pass: false,
    message: [
      `Expected machine '${machine.id}' to accept all ${count(events.length)}, but event #${index + 1} (${type}) was refused in state '${r.snapshot.state}' with ${codeOf(error)}:`,
      `  ${error.message}`,
      trace(machine, r, type),
    ].join('\n'),
  };
}

/** The code of an issue, with the domain code of a refusal: `REFUSED (INSUFFICIENT_POINTS)`. */
const codeOf = (error: TransitionIssue) =>
  error.reason === undefined ? error.code : `${error.code} (${error.reason.code})`;

/**
 * Whether the machine accepts every event but the last and refuses the last one (with `code`,
 * when given): the check behind `toReject`. A single event is checked from the start snapshot.
 * `code` is a transition error code (`'REFUSED'` matches any refusal a guard or update returned)
 * or one of the machine's refusal codes, which matches a `REFUSED` issue with that `reason.code`.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { checkReject } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * checkReject(door, { type: 'CLOSE' }, 'EVENT_NOT_ALLOWED').pass; // true
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param events - One event, or a list whose last event must be refused.
 * @param code - The expected code (a transition error code or a refusal code of the machine);
 *   any code when omitted.
 * @param options - The start snapshot or initial input.
 * @returns The outcome and its explanation.
 * @throws `UsageError` when `events` is an empty list.
 * @category Testing
 */
export function checkReject<M extends AnyMachine>(
  machine: M,
  events: EventFrom<M> | readonly EventFrom<M>[],
  code?: TransitionErrorCode | RefusalFrom<M>,
  options: CheckOptions<M> = {},
): CheckResult {
  const list: readonly unknown[] = Array.isArray(events) ? events : [events];
  if (list.length === 0) {
    throw new UsageError(
      'toReject needs at least one event: the last one is the event expected to be refused.',
      [{ path: ['events'], message: 'an empty list' }],
    );
  }
  const last = list.length - 1;
  const r = run(machine, list, options);
  const expected = code === undefined ? '' : ` with ${code}`;
  if (r.refused === undefined) {
    const step = r.steps[last];
    return {
      pass: false,
      message: [
        `Expected machine '${machine.id}' to refuse event #${last + 1} (${typeOf(list[last])})${expected} in state '${step?.from ?? r.start}', but it was accepted and went to '${step?.to ?? r.start}'.`,
        trace(machine, r),
      ].join('\n'),
    };
  }
  const { index, error } = r.refused;
  const type = typeOf(list[index]);
  if (index < last) {
    return {
      pass: false,
      message: [
        `Expected machine '${machine.id}' to accept ${last === 1 ? 'the event' : `the ${count(last)}`} before the last, but event #${index + 1} (${type}) was refused in state '${r.snapshot.state}' with ${codeOf(error)}:`,
        `  ${error.message}`,
        trace(machine, r, type),
      ].join('\n'),
    };
  }
  if (code !== undefined && error.code !== code && error.reason?.code !== code) {
    return {
      pass: false,
      message: [
        `Expected event #${index + 1} (${type}) to be refused with ${code} in state '${r.snapshot.state}', but it was refused with ${codeOf(error)}:`,
        `  ${error.message}`,
        trace(machine, r, type),
      ].join('\n'),
    };
  }
  return {
    pass: true,
    message: [
      `Expected event #${index + 1} (${type}) not to be refused${expected} in state '${r.snapshot.state}', but it was refused with ${codeOf(error)}:`,
      `  ${error.message}`,
      trace(machine, r, type),
    ].join('\n'),
  };
}

/** The snapshot inside whatever was received: a snapshot, a flow, or a result carrying one. */
function snapshotIn(
  received: unknown,
): { machine: string; state: string; status: string } | undefined {
  if (typeof received !== 'object' || received === null) return undefined;
  const value = received as {
    snapshot?: unknown;
    state?: unknown;
    machine?: unknown;
    status?: unknown;
  };
  if (typeof value.snapshot === 'function') return snapshotIn((value.snapshot as () => unknown)());
  if (typeof value.snapshot === 'object') return snapshotIn(value.snapshot);
  if (typeof value.state === 'string' && typeof value.machine === 'string') {
    return { machine: value.machine, state: value.state, status: String(value.status) };
  }
  return undefined;
}

/**
 * Whether a snapshot (or a flow, or a transition/replay result) is in the given state: the check
 * behind `toBeInState`.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot } from 'servicecraft';
 * import { checkState } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * checkState(initialSnapshot(door), 'closed').pass; // true
 * ```
 *
 * @param received - A snapshot, a flow (`createFlow`), or an object with a `snapshot`.
 * @param state - The expected state.
 * @returns The outcome and its explanation.
 * @throws `UsageError` when `received` holds no snapshot.
 * @category Testing
 */
export function checkState(received: unknown, state: string): CheckResult {
  const snapshot = snapshotIn(received);
  if (snapshot === undefined) {
    throw new UsageError(
      'toBeInState expects a snapshot, a flow, or a result with a snapshot (from transition or replay); received a value with none.',
      [{ path: ['received'], message: 'holds no snapshot' }],
    );
  }
  const refused = (received as { ok?: unknown; error?: { message?: unknown } }).ok === false;
  const note = refused
    ? ` The last event was refused: ${String((received as { error: { message: unknown } }).error.message)}`
    : '';
  // A refused transition still carries the old snapshot; passing on it would hide the refusal.
  if (snapshot.state === state && !refused) {
    return {
      pass: true,
      message: `Expected the snapshot of machine '${snapshot.machine}' not to be in state '${state}', but it is (status ${snapshot.status}).`,
    };
  }
  if (refused) {
    return {
      pass: false,
      message: `Expected a transition into state '${state}' of machine '${snapshot.machine}', but the event was refused in state '${snapshot.state}'.${note}`,
    };
  }
  return {
    pass: false,
    message: `Expected the snapshot of machine '${snapshot.machine}' to be in state '${state}', but it is in state '${snapshot.state}' (status ${snapshot.status}).${note}`,
  };
}
