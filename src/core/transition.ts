/**
 * The pure heart of the engine: make a first snapshot, take one event, ask what is possible now.
 * `transition`, `can`, `nextEvents` and `isFinal` never throw on bad input; `transitionOrThrow`
 * does by name, and `initialSnapshot` throws a `SnapshotError` for an input that fails the schema.
 *
 * @module
 */
import {
  clip,
  describeIssues,
  describeValue,
  type RefusedIssue,
  type RuleThrewIssue,
  SnapshotError,
  transitionMessages as say,
  TransitionError,
  type TransitionIssue,
} from './errors.js';
import {
  breaches,
  type Candidate,
  type CompiledMachine,
  type CompiledState,
  describeBreaches,
  type ParseOutcome,
  type Parser,
  type Route,
  safeParse,
  tablesOf,
  takesEvents,
} from './internal.js';
import { describedValue, withMessageData } from './message-data.js';
import { isRefusal, refusal } from './refusal.js';
import type {
  AnyMachine,
  ContextFrom,
  EventObject,
  Machine,
  Refusal,
  RefusalFrom,
  Snapshot,
  StateFrom,
} from './types.js';

/**
 * What a successful transition did: the state it left, the state it entered, the event type.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @category Core
 */
export interface Step<S extends string = string> {
  /** The state before. */
  readonly from: S;
  /** The state after (the same as `from` for a self-transition). */
  readonly to: S;
  /** The event type that was taken. */
  readonly event: string;
}

/**
 * The result of {@link transition}: a {@link TransitionSuccess} or a {@link TransitionFailure}.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type TransitionResult<S extends string = string, C = unknown, R extends string = string> =
  | TransitionSuccess<S, C>
  | TransitionFailure<S, C, R>;

/**
 * The result type of {@link transition} for a given machine.
 *
 * @example
 * ```ts
 * import { defineMachine, type TransitionResultFrom } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * type DoorResult = TransitionResultFrom<typeof door>;
 * ```
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type TransitionResultFrom<M extends AnyMachine> = TransitionResult<
  StateFrom<M>,
  ContextFrom<M>,
  RefusalFrom<M>
>;

/**
 * An accepted event.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export interface TransitionSuccess<S extends string = string, C = unknown> {
  /** Always `true`. */
  readonly ok: true;
  /** The next snapshot: a new object; the previous one is untouched. */
  readonly snapshot: Snapshot<S, C>;
  /** What happened. */
  readonly step: Step<S>;
}

/**
 * A refused event.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface TransitionFailure<
  S extends string = string,
  C = unknown,
  R extends string = string,
> {
  /** Always `false`. */
  readonly ok: false;
  /** Why the event was refused; `error.reason?.code` is the domain code of a `REFUSED` issue. */
  readonly error: TransitionIssue<R>;
  /** The snapshot that was passed in, unchanged. */
  readonly snapshot: Snapshot<S, C>;
}

/**
 * Makes the first snapshot of a machine, validating the initial context against the context
 * schema (zod defaults fill in what the input leaves out).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot } from 'servicecraft';
 *
 * const counter = defineMachine({
 *   id: 'counter', version: 1, initial: 'on',
 *   context: z.object({ n: z.number().int().default(0) }),
 *   events: { TICK: null }, states: { on: { on: { TICK: 'on' } } },
 * });
 * initialSnapshot(counter);
 * // { machine: 'counter', version: 1, state: 'on', context: { n: 0 }, status: 'active', revision: 0 }
 * initialSnapshot(counter, { n: 5 }).context.n; // 5
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param input - The initial context (parsed with the context schema; `{}` when omitted).
 * @returns A plain-JSON snapshot in the initial state.
 * @throws {@link SnapshotError} with code `INVALID_CONTEXT` when the input fails the schema.
 * @category Core
 */
export function initialSnapshot<S extends string, C>(
  machine: Machine<S, EventObject, C, EventObject, string>,
  input?: unknown,
): Snapshot<S, C> {
  const tables = tablesOf(machine);
  const { context: schema, states } = tables;
  let context: unknown = {};
  if (schema) {
    const parsed = safeParse(schema, input === undefined ? {} : input);
    if (!parsed.success) {
      const detail = describeIssues(parsed.error.issues);
      throw new SnapshotError(
        withMessageData(
          {
            code: 'INVALID_CONTEXT',
            message: `The initial context of machine '${machine.id}' is invalid: ${detail}.`,
            problems: parsed.error.issues.map((i) => ({
              path: ['context', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
              message: i.message,
            })),
            issues: parsed.error.issues,
          },
          {
            key: 'initialContextInvalid',
            data: { machine: machine.id, issues: parsed.error.issues },
          },
        ),
      );
    }
    context = parsed.data;
  } else if (input !== undefined) {
    throw new SnapshotError(
      withMessageData(
        {
          code: 'INVALID_CONTEXT',
          message: `Machine '${machine.id}' has no context schema, so it takes no initial input.`,
          problems: [{ path: ['context'], message: 'unexpected input' }],
          issues: [],
        },
        { key: 'initialInputUnexpected', data: { machine: machine.id } },
      ),
    );
  }
  if (tables.checkInvariants) {
    const broken = breaches(tables, machine.initial, context);
    if (broken.length > 0) {
      const invariants = broken.map((b) => ({
        name: b.name,
        detail: b.detail === 'does not hold' ? undefined : b.detail,
      }));
      throw new SnapshotError(
        withMessageData(
          {
            code: 'INVALID_CONTEXT',
            message: `The initial snapshot of machine '${machine.id}' breaks ${describeBreaches(broken)}.`,
            problems: broken.map((b) => ({
              path: ['context'],
              message: `invariant '${b.name}': ${b.detail}`,
            })),
            issues: [],
          },
          { key: 'initialInvariantBroken', data: { machine: machine.id, invariants } },
        ),
      );
    }
  }
  const final = states.get(machine.initial)?.final === true;
  return {
    machine: machine.id,
    version: machine.version,
    state: machine.initial,
    context: context as C,
    status: final ? 'done' : 'active',
    revision: 0,
  };
}

/**
 * Applies one event to a snapshot and returns the next snapshot, or the reason it was refused.
 *
 * Pure: it reads no clock and no randomness, mutates nothing, and never throws on a bad event or
 * snapshot. An event the state does not handle is always reported (`EVENT_NOT_ALLOWED`), never
 * silently dropped. Checks run in this order: snapshot, event, final state, allowed here,
 * payload, guards, update.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, transition } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const start = initialSnapshot(door);
 * const result = transition(door, start, { type: 'OPEN' });
 * if (result.ok) console.log(result.snapshot.state); // 'open'
 *
 * const refused = transition(door, start, { type: 'CLOSE' });
 * if (!refused.ok) console.log(refused.error.message);
 * // Event CLOSE is not allowed in state 'closed'; allowed: OPEN.
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot (from {@link initialSnapshot}, a previous transition or
 *   {@link restoreSnapshot}).
 * @param event - The event: `{ type, ...payload }`.
 * @returns `{ ok: true, snapshot, step }` or `{ ok: false, error, snapshot }`.
 * @category Core
 */
export function transition<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject,
  R extends string,
>(
  machine: Machine<S, Ev, C, In, R>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<In>,
): TransitionResult<S, C, R> {
  const tables = tablesOf(machine);
  // Hot path first: one lookup per table. Anything unusual goes to `diagnose`, which finds the
  // precise reason in the documented order.
  const state =
    typeof snapshot === 'object' &&
    snapshot !== null &&
    snapshot.machine === machine.id &&
    snapshot.version === machine.version &&
    takesEvents(snapshot.revision)
      ? tables.states.get(snapshot.state)
      : undefined;
  const type = typeof event === 'object' && event !== null ? event.type : undefined;
  const route = state === undefined ? undefined : state.routes.get(type as string);
  if (route === undefined) {
    return refuse(snapshot, diagnose(machine, snapshot, event) as TransitionIssue<R>);
  }
  const here = state as CompiledState; // a route implies its state
  const from = snapshot.state;

  // Payload: the schema sees the event; `type` is the engine's, so it is put back on the result.
  // A payload-free event (`null`) reads nothing but `type`; like `z.object()`, neither form
  // inspects undeclared keys unless the schema is strict (`z.strictObject`).
  let validated: EventObject = event;
  const schema = route.schema;
  if (schema !== null && (route.quick === undefined || !route.quick(event))) {
    const parsed = parse(schema, event);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      return refuse(snapshot, {
        code: 'INVALID_PAYLOAD',
        message: say.invalidPayload(from, event.type, describeIssues(issues)),
        state: from,
        event: event.type,
        issues,
      });
    }
    // Guards and updates see the parsed payload; build that event only when one will read it.
    if (route.readsEvent) validated = withType(parsed.data, event);
  }

  const context = snapshot.context;
  let chosen = route.first;
  if (!route.direct) {
    const picked = pick(tables, here, snapshot, route, context, validated);
    if (!('target' in picked)) return refuse(snapshot, picked as TransitionIssue<R>);
    chosen = picked;
  }

  let next: unknown = context;
  const run = chosen.update;
  if (run !== undefined) {
    let result: unknown;
    try {
      result = run({ context, event: validated, refuse: refusal });
    } catch (cause) {
      return refuse(snapshot, threw(from, event.type, 'update', undefined, cause));
    }
    if (isRefusal(result)) {
      const issue = refused(tables, here, route, snapshot, result, undefined);
      return refuse(snapshot, issue as TransitionIssue<R>);
    }
    // The fast check stands in for the context schema when it says yes (see quick.ts).
    const quick = tables.contextQuick;
    if (tables.updateSchema === undefined || quick?.(result) === true) next = result;
    else {
      const checked = checkUpdate(tables.updateSchema, from, event.type, result);
      if ('code' in checked) return refuse(snapshot, checked);
      next = checked.context;
    }
  }

  const to = chosen.target as S;
  if (tables.checkInvariants) {
    const broken = invariantsAfter(tables, from, to, next, event.type);
    if (broken !== undefined) return refuse(snapshot, broken);
  }
  return {
    ok: true,
    snapshot: {
      machine: snapshot.machine,
      version: snapshot.version,
      state: to,
      context: next as C,
      status: chosen.targetFinal ? 'done' : 'active',
      revision: snapshot.revision + 1,
    },
    step: { from, to, event: event.type },
  };
}

/**
 * The validated event: zod's output with `type` put back, as a new object (the output of a
 * transforming schema may be the caller's own object, which must not be written to).
 */
function withType(data: unknown, event: EventObject): EventObject {
  if (data === event) return event;
  if (typeof data !== 'object' || data === null) return { type: event.type };
  return Object.assign({ type: event.type }, data);
}

function withoutType(event: EventObject): Record<string, unknown> {
  const { type: _type, ...payload } = event;
  return payload;
}

type Parsed = ParseOutcome;

/**
 * Parses a payload. A strict schema rejects `type` itself, so it is tried again without it (the
 * rare, slower path). Never throws (see `safeParse`).
 */
function parse(schema: Parser, event: EventObject): Parsed {
  const parsed = safeParse(schema, event);
  return parsed.success ? parsed : safeParse(schema, withoutType(event));
}

function refuse<S extends string, C, R extends string>(
  snapshot: Snapshot<S, C>,
  error: TransitionIssue<R>,
): TransitionFailure<S, C, R> {
  return { ok: false, error, snapshot };
}

/** The events accepted now, as `nextEvents` reports them (guards may run: only on refusals). */
function allowedNow(state: CompiledState, context: unknown, notNow?: string): string[] {
  if (state.unguarded) return state.allowed.slice();
  const out: string[] = [];
  // An array walk: iterating the Map would allocate an entry per event type.
  const routes = state.routeList;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as Route;
    if (route.type !== notNow && possibleNow(route, context)) out.push(route.type);
  }
  return out;
}

/**
 * The event type whose guards just said no, when `allowedNow` may skip asking them again: a guard
 * is a pure function of its arguments, so when the event was exactly its bare `{ type }` (no
 * payload schema, no other own key), `nextEvents` would get the same answers.
 */
function knownNotNow(route: Route, event: EventObject): string | undefined {
  if (route.schema !== null) return undefined;
  let keys = 0;
  for (const _ in event) keys++;
  return keys === 1 ? event.type : undefined;
}

function threw(
  from: string,
  type: string,
  rule: RuleThrewIssue['rule'],
  name: string | undefined,
  cause: unknown,
): RuleThrewIssue {
  const what = rule === 'update' ? 'its context update' : `${rule} '${name ?? '?'}'`;
  return {
    code: 'RULE_THREW',
    message: say.ruleThrew(from, type, what, cause),
    state: from,
    event: type,
    rule,
    name,
    cause,
  };
}

/** A refusal returned by a guard or an update, checked against the declared codes. */
function refused(
  tables: CompiledMachine,
  state: CompiledState,
  route: Route,
  snapshot: Snapshot,
  reason: Refusal,
  guard: string | undefined,
  notNow?: string,
): RefusedIssue | RuleThrewIssue {
  const type = route.type;
  const from = snapshot.state;
  const code = reason.code;
  if (typeof code !== 'string' || !tables.refusals.has(code)) {
    const what = guard === undefined ? 'its context update' : `guard '${guard}'`;
    const cause = new Error(say.undeclaredRefusal(what, code, [...tables.refusals]));
    const issue = threw(from, type, guard === undefined ? 'update' : 'guard', guard, cause);
    const undeclared = { code: describedValue(code), declared: [...tables.refusals] };
    const { rule, name } = issue;
    return withMessageData(issue, {
      key: 'ruleThrew',
      data: { state: from, event: type, rule, name, cause, undeclared },
    });
  }
  const message = typeof reason.message === 'string' ? reason.message : String(reason.message);
  const plain: Refusal =
    reason.details === undefined ? { code, message } : { code, message, details: reason.details };
  return {
    code: 'REFUSED',
    // `say.refused`, its fixed start made once when the machine was defined.
    message: say.refusedWith(route.refusedPrefix, code, message),
    state: from,
    event: type,
    reason: plain,
    guard,
    allowed: allowedNow(state, snapshot.context, notNow),
  };
}

/**
 * Runs the guards in order: `true` takes the candidate, `false` lets the next one try, a refusal
 * ends the search with that refusal.
 */
function pick(
  tables: CompiledMachine,
  state: CompiledState,
  snapshot: Snapshot,
  route: Route,
  context: unknown,
  event: EventObject,
): Candidate | TransitionIssue {
  const candidates = route.candidates;
  const from = snapshot.state;
  const rejected: string[] = [];
  for (const candidate of candidates) {
    if (candidate.guardFn === undefined) return candidate;
    const guard = candidate.guard as string;
    let verdict: unknown;
    try {
      verdict = candidate.guardFn({ context, event, refuse: refusal });
    } catch (cause) {
      return threw(from, event.type, 'guard', guard, cause);
    }
    if (verdict === true) return candidate;
    if (isRefusal(verdict)) {
      return refused(tables, state, route, snapshot, verdict, guard, knownNotNow(route, event));
    }
    rejected.push(guard);
  }
  const allowed = allowedNow(state, context, knownNotNow(route, event));
  return {
    code: 'GUARD_REJECTED',
    message: say.guardRejected(from, event.type, rejected, allowed),
    state: from,
    event: event.type,
    guards: rejected,
    allowed,
  };
}

/** Checks an update's result against the context schema. */
function checkUpdate(
  schema: Parser,
  from: string,
  type: string,
  next: unknown,
): { context: unknown } | TransitionIssue<never> {
  const parsed = safeParse(schema, next);
  if (parsed.success) return { context: parsed.data };
  const issues = parsed.error.issues as TransitionIssueIssues;
  const message = say.updateInvalid(from, type, describeIssues(issues));
  return { code: 'UPDATE_FAILED', message, state: from, event: type, issues, invariants: [] };
}
type TransitionIssueIssues = Extract<TransitionIssue, { code: 'UPDATE_FAILED' }>['issues'];

/** Checks the invariants on the next snapshot; `undefined` when they all hold. */
function invariantsAfter(
  tables: CompiledMachine,
  from: string,
  to: string,
  context: unknown,
  type: string,
): TransitionIssue<never> | undefined {
  const broken = breaches(tables, to, context);
  if (broken.length === 0) return undefined;
  const first = broken.find((b) => b.threw);
  if (first !== undefined) return threw(from, type, 'invariant', first.name, first.cause);
  const issue: TransitionIssue<never> = {
    code: 'UPDATE_FAILED',
    message: say.invariantBroken(from, type, describeBreaches(broken)),
    state: from,
    event: type,
    issues: [],
    invariants: broken.map((b) => b.name),
  };
  const invariants = broken.map((b) => ({
    name: b.name,
    detail: b.detail === 'does not hold' ? undefined : b.detail,
  }));
  return withMessageData(issue, {
    key: 'invariantBroken',
    data: { state: from, event: type, invariants },
  });
}

/** Finds why the fast path could not proceed, checking in the documented order. */
function diagnose(machine: Machine, snapshot: unknown, event: unknown): TransitionIssue {
  const tables = tablesOf(machine);
  const type = eventType(event);
  const snap = snapshot as Partial<Snapshot> | null;
  if (
    typeof snap !== 'object' ||
    snap === null ||
    snap.machine !== machine.id ||
    snap.version !== machine.version
  ) {
    const foreign = typeof snap === 'object' && snap !== null && typeof snap.machine === 'string';
    const message = foreign
      ? say.wrongMachine(
          machine.id,
          machine.version,
          `machine '${clip(snap.machine as string, 100)}' version ${typeof snap.version === 'number' ? snap.version : describeValue(snap.version)}`,
        )
      : say.notASnapshot(machine.id, machine.version, describeValue(snap));
    const { id, version } = machine;
    return withMessageData(
      { code: 'INVALID_SNAPSHOT', message, state: undefined, event: type, problems: [message] },
      foreign
        ? {
            key: 'wrongMachine',
            data: {
              machine: id,
              version,
              snapshotMachine: clip(snap.machine as string, 100),
              snapshotVersion: describedValue(snap.version),
            },
          }
        : { key: 'notASnapshot', data: { machine: id, version, received: describedValue(snap) } },
    );
  }
  // A state name the machine does not have is input, named with a bounded length as restore does.
  const from = typeof snap.state === 'string' ? snap.state : describeValue(snap.state);
  const shown = typeof snap.state === 'string' ? clip(snap.state, 100) : from;
  // The last safe integer is a revision a snapshot may have, but no event can follow it.
  if (!takesEvents(snap.revision)) {
    const message = say.badRevision(machine.id, describeValue(snap.revision));
    return withMessageData(
      { code: 'INVALID_SNAPSHOT', message, state: shown, event: type, problems: [message] },
      {
        key: 'badRevision',
        data: { machine: machine.id, revision: describedValue(snap.revision) },
      },
    );
  }
  const state = typeof snap.state === 'string' ? tables.states.get(snap.state) : undefined;
  if (state === undefined) {
    const message = say.unknownState(machine.id, shown);
    return withMessageData(
      { code: 'INVALID_SNAPSHOT', message, state: shown, event: type, problems: [message] },
      { key: 'unknownState', data: { machine: machine.id, state: shown } },
    );
  }
  if (type === undefined) {
    const message = say.notAnEvent(describeValue(event));
    return withMessageData(
      { code: 'UNKNOWN_EVENT', message, state: from, event: undefined, known: tables.eventTypes },
      { key: 'notAnEvent', data: { received: describedValue(event) } },
    );
  }
  if (!tables.events.has(type)) {
    const message = say.unknownEvent(machine.id, clip(type, 80), tables.eventTypes);
    return withMessageData(
      { code: 'UNKNOWN_EVENT', message, state: from, event: type, known: tables.eventTypes },
      {
        key: 'unknownEvent',
        data: { machine: machine.id, event: clip(type, 80), known: tables.eventTypes },
      },
    );
  }
  if (state.final) {
    return { code: 'FINAL_STATE', message: say.finalState(from, type), state: from, event: type };
  }
  // Without guards in this state the answer is fixed: no need to walk the candidates.
  if (state.unguarded) {
    const allowed = state.allowed;
    const message = say.notAllowedWith(from, type, state.allowedTail);
    return { code: 'EVENT_NOT_ALLOWED', message, state: from, event: type, allowed };
  }
  const allowed = allowedNow(state, snap.context);
  const message = say.notAllowed(from, type, allowed);
  return { code: 'EVENT_NOT_ALLOWED', message, state: from, event: type, allowed };
}

function eventType(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const type = (event as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * Like {@link transition}, but returns the next snapshot and throws a {@link TransitionError} when
 * the event is refused. For scripts and tests where a refusal is a bug.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, transitionOrThrow } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const open = transitionOrThrow(door, initialSnapshot(door), { type: 'OPEN' });
 * open.state; // 'open'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @param event - The event.
 * @returns The next snapshot.
 * @throws {@link TransitionError} carrying the issue.
 * @category Core
 */
export function transitionOrThrow<
  S extends string,
  Ev extends EventObject,
  C,
  In extends EventObject,
>(
  machine: Machine<S, Ev, C, In>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<In>,
): Snapshot<S, C> {
  const result = transition(machine, snapshot, event);
  if (!result.ok) throw new TransitionError(result.error);
  return result.snapshot;
}

/**
 * Whether an event would be accepted now: the exact check {@link transition} makes (payload,
 * guards and update included), without keeping the result.
 *
 * @example
 * ```ts
 * import { can, defineMachine, initialSnapshot } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * can(door, initialSnapshot(door), { type: 'OPEN' }); // true
 * can(door, initialSnapshot(door), { type: 'CLOSE' }); // false
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @param event - The event to try.
 * @returns `true` when `transition` would succeed.
 * @category Core
 */
export function can<S extends string, Ev extends EventObject, C, In extends EventObject>(
  machine: Machine<S, Ev, C, In>,
  snapshot: NoInfer<Snapshot<S, C>>,
  event: NoInfer<In>,
): boolean {
  return transition(machine, snapshot, event).ok;
}

/**
 * The event types the current state accepts, with guards applied to the current context. A guard
 * is called with the bare event `{ type }`, so a guard that depends on the payload counts only
 * when it passes without one; use {@link can} with a full event for the exact answer. Candidates
 * are walked as {@link transition} walks them: a guard returning `false` lets the next one try, a
 * guard returning a refusal (or throwing) makes the event "not now". Every `allowed` list in a
 * refusal is this list.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, initialSnapshot, nextEvents } from 'servicecraft';
 *
 * const ticket = defineMachine({
 *   id: 'ticket', version: 1, initial: 'open',
 *   context: z.object({ replies: z.number().default(0) }),
 *   events: { REPLY: null, SOLVE: null },
 *   guards: { answered: ({ context }) => context.replies > 0 },
 *   states: {
 *     open: {
 *       on: {
 *         REPLY: { target: 'open', update: ({ context }) => ({ replies: context.replies + 1 }) },
 *         SOLVE: { target: 'solved', guard: 'answered' },
 *       },
 *     },
 *     solved: { type: 'final' },
 *   },
 * });
 * nextEvents(ticket, initialSnapshot(ticket)); // ['REPLY']
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The current snapshot.
 * @returns The accepted event types, in definition order (empty in a final state).
 * @category Core
 */
export function nextEvents<S extends string, Ev extends EventObject, C, In extends EventObject>(
  machine: Machine<S, Ev, C, In>,
  snapshot: NoInfer<Snapshot<S, C>>,
): Ev['type'][] {
  if (typeof snapshot !== 'object' || snapshot === null) return [];
  const state =
    typeof snapshot.state === 'string' ? tablesOf(machine).states.get(snapshot.state) : undefined;
  if (
    state === undefined ||
    state.final ||
    snapshot.machine !== machine.id ||
    snapshot.version !== machine.version ||
    !takesEvents(snapshot.revision)
  ) {
    return [];
  }
  return allowedNow(state, snapshot.context) as Ev['type'][];
}

/**
 * Walks the candidates as `transition` does, with the bare event: a guard that passes (or no
 * guard) makes the event possible, `false` tries the next, a refusal or a throw ends the search.
 */
function possibleNow(route: Route, context: unknown): boolean {
  if (route.direct) return true;
  const event = route.bare;
  for (const c of route.candidates) {
    if (c.guardFn === undefined) return true;
    let verdict: unknown;
    try {
      verdict = c.guardFn({ context, event, refuse: refusal });
    } catch {
      return false;
    }
    if (verdict === true) return true;
    if (isRefusal(verdict)) return false;
  }
  return false;
}

/**
 * Whether a snapshot is in a final state.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, isFinal } from 'servicecraft';
 *
 * const once = defineMachine({
 *   id: 'once', version: 1, initial: 'ready', events: { GO: null },
 *   states: { ready: { on: { GO: 'gone' } }, gone: { type: 'final' } },
 * });
 * isFinal(once, initialSnapshot(once)); // false
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param snapshot - The snapshot to test.
 * @returns `true` in a final state.
 * @category Core
 */
export function isFinal<S extends string, C>(
  machine: Machine<S, EventObject, C>,
  snapshot: NoInfer<Snapshot<S, C>>,
): boolean {
  if (typeof snapshot !== 'object' || snapshot === null) return false;
  return tablesOf(machine).states.get(snapshot.state)?.final === true;
}
