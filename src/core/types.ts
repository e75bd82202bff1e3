/**
 * The types of the engine: what a definition looks like, what a machine and a snapshot are.
 * Kept to interfaces and shallow mapped types so a machine stays cheap to type-check.
 *
 * @module
 */
import type * as z from 'zod';

/**
 * Any zod schema, classic (`zod`) or mini (`zod/mini`). Event payload and context schemas are
 * written with zod; the engine only calls `safeParse` on them. Typed as zod's core base type, so
 * a machine's type check does not instantiate each schema's full method surface.
 *
 * @category Core
 */
export type Schema = z.core.$ZodType;

/**
 * The payload schemas of a machine's events, keyed by event type. `null` declares an event that
 * carries no payload: only its `type` is read. Like `z.object()`, neither form rejects keys it does
 * not declare; use `z.strictObject(...)` (or `z.strictObject({})` for no payload) to reject them.
 *
 * @category Core
 */
export type EventSchemas = Record<string, Schema | null>;

/**
 * The event union described by a set of payload schemas: `{ type: K } & payload` for each key.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import type { EventsFromSchemas } from 'servicecraft';
 *
 * type Events = EventsFromSchemas<{ SOLVE: null; REPLY: z.ZodObject<{ text: z.ZodString }> }>;
 * // TypedEvent<'SOLVE'> | (TypedEvent<'REPLY'> & { text: string })
 * const e: Events = { type: 'REPLY', text: 'hello' };
 * ```
 *
 * @typeParam E - The payload schemas of the events, keyed by event type (`null` for an event
 *   without payload).
 * @category Core
 */
export type EventsFromSchemas<E extends EventSchemas> = {
  [K in keyof E & string]: EventOf<E, K>;
}[keyof E & string];

/**
 * One event of a set of payload schemas: `{ type: K } & payload`.
 *
 * @typeParam E - The payload schemas of the events, keyed by event type (`null` for an event
 *   without payload).
 * @typeParam K - The event type to pick, one of the keys of `E`.
 * @category Core
 */
export type EventOf<E extends EventSchemas, K extends keyof E & string> = E[K] extends Schema
  ? WithPayload<K, z.output<E[K]>>
  : TypedEvent<K>;

/**
 * The events a caller may send, described by a set of payload schemas: like
 * {@link EventsFromSchemas} but from each schema's input type, so a field with a zod `.default()`
 * may be left out when sending (guards and updates see it filled in).
 *
 * @typeParam E - The payload schemas of the events, keyed by event type (`null` for an event
 *   without payload).
 * @category Core
 */
export type EventInputsFromSchemas<E extends EventSchemas> = {
  [K in keyof E & string]: E[K] extends Schema ? WithPayload<K, z.input<E[K]>> : TypedEvent<K>;
}[keyof E & string];

/**
 * An event of type `K` carrying payload `P`. A payload with an index signature (such as the output
 * of `z.strictObject({})`, `Record<string, never>`) adds no named keys, so it is left out.
 *
 * @typeParam K - The event type, a string literal.
 * @typeParam P - The payload type.
 * @category Core
 */
export type WithPayload<K extends string, P> = string extends keyof P
  ? TypedEvent<K>
  : TypedEvent<K> & P;

/**
 * The `type` part of an event of type `K`.
 *
 * @typeParam K - The event type, a string literal.
 * @category Core
 */
export interface TypedEvent<K extends string> {
  /** The event type. */
  readonly type: K;
}

/**
 * The shape every event has: an object with a string `type`.
 *
 * @category Core
 */
export interface EventObject {
  /** The event type, e.g. `'NEXT'`. */
  readonly type: string;
}

/**
 * The context of a machine with no context schema: an empty object.
 *
 * @category Core
 */
export type EmptyContext = Record<string, never>;

/**
 * The context type described by an optional context schema.
 *
 * @typeParam CS - The context schema, or `undefined` for a machine without context.
 * @category Core
 */
export type ContextFromSchema<CS> = CS extends Schema ? z.output<CS> : EmptyContext;

/**
 * A domain rule's "no": an expected outcome, returned (never thrown) by a guard or an update and
 * reported by `transition` as a `REFUSED` issue whose `reason` is this object. Make one with the
 * `refuse` function a guard or update receives, or with {@link refusal}.
 *
 * @typeParam R - The refusal code, a union of string literals (any string by default).
 * @category Core
 */
export interface Refusal<R extends string = string> {
  /** One of the machine's declared refusal codes, e.g. `'INSUFFICIENT_POINTS'`. */
  readonly code: R;
  /** A sentence a person can act on: what rule refused the event and what would pass. */
  readonly message: string;
  /** Plain-JSON figures behind the refusal (balance, limit, ...), for programs to read. */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Makes a {@link Refusal} with one of the machine's declared codes.
 *
 * @typeParam R - The refusal codes the machine declares.
 * @category Core
 */
export type Refuse<R extends string> = (
  code: R,
  message: string,
  details?: Readonly<Record<string, unknown>>,
) => Refusal<R>;

/**
 * What a guard or an update receives: the current context, the validated event, and `refuse` to
 * turn down the event with one of the machine's declared refusal codes.
 *
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface TransitionArgs<C, Ev, R extends string = never> {
  /** The context before the transition. Treat it as read-only. */
  readonly context: C;
  /** The event, after its payload was validated (zod defaults and transforms applied). */
  readonly event: Ev;
  /**
   * Builds a refusal to return: `return refuse('INSUFFICIENT_POINTS', 'The balance is 10.')`.
   * (Declared as a method so a guard written for fewer codes fits a machine that declares more.)
   */
  refuse(code: R, message: string, details?: Readonly<Record<string, unknown>>): Refusal<R>;
}

/**
 * A named guard: a pure predicate over the context and the event. `true` lets its candidate
 * through, `false` lets the next candidate try, and a returned {@link Refusal} turns the event
 * down with a domain reason (no later candidate is tried).
 *
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type Guard<C, Ev, R extends string = never> = (
  args: TransitionArgs<C, Ev, R>,
) => boolean | Refusal<R>;

/**
 * A pure context update: returns the next context, never mutates the one it is given. It may
 * return a {@link Refusal} instead, when the rule that decides the event is the work that applies
 * it (evaluated once).
 *
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type Update<C, Ev, R extends string = never> = (
  args: TransitionArgs<C, Ev, R>,
) => C | Refusal<R>;

/**
 * A named invariant: what must hold between a snapshot's state and its context. It returns `true`
 * when it holds, and `false` or a sentence describing the breach when it does not.
 * `restoreSnapshot` checks every invariant; `initialSnapshot` and transitions check them unless
 * `validateUpdates` is `false`.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export type Invariant<S extends string, C> = (args: {
  readonly state: S;
  readonly context: C;
}) => boolean | string;

/**
 * One candidate transition for an event: where it goes, the guard that must pass, the update it
 * applies.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam G - The guard names, a union of string literals.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface TransitionConfig<
  S extends string,
  G extends string,
  C,
  Ev,
  R extends string = never,
> {
  // `NoInfer` sits here (and on the bare target of `TransitionSpec`) rather than on the arguments
  // `MachineDefinition` passes to `StateConfig`: a target, guard or refusal code written in a
  // transition is checked against the names declared elsewhere, never inferred from; and the
  // plain arguments are cheaper to carry through each contextual type lookup (see bench/types.ts).
  /** The state to enter. */
  readonly target: NoInfer<S>;
  /** The name of a guard from `guards`; the candidate applies only when it returns `true`. */
  readonly guard?: NoInfer<G>;
  /** A pure function computing the next context (or returning a refusal). */
  readonly update?: Update<C, Ev, NoInfer<R>>;
  /** A sentence for docs and diagrams. */
  readonly description?: string;
  /** Domain data the engine carries but never reads. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * What an event does in a state: a target name, one transition, or an ordered list of guarded
 * candidates (the first whose guard passes wins).
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam G - The guard names, a union of string literals.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export type TransitionSpec<S extends string, G extends string, C, Ev, R extends string = never> =
  | NoInfer<S>
  | TransitionConfig<S, G, C, Ev, R>
  | readonly TransitionConfig<S, G, C, Ev, R>[];

/**
 * One state of a definition.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam E - The payload schemas of the events, keyed by event type (`null` for an event
 *   without payload).
 * @typeParam G - The guard names, a union of string literals.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface StateConfig<
  S extends string,
  E extends EventSchemas,
  G extends string,
  C,
  R extends string = never,
> {
  /** `'final'` marks an end state: it accepts no events. */
  readonly type?: 'final';
  /** What each event does here. Events not listed are rejected with `EVENT_NOT_ALLOWED`. */
  readonly on?: {
    // `K extends K ? … : never` resolves to the same type, but as a conditional type it is cached
    // by its type arguments, so the contextual typing of each transition does not rebuild it
    // (about a quarter of a machine's type-checking cost; see bench/types.ts).
    readonly [K in keyof E & string]?: K extends K
      ? TransitionSpec<S, G, C, EventOf<E, K>, R>
      : never;
  };
  /** A sentence for docs and diagrams. */
  readonly description?: string;
  /** Domain data the engine carries but never reads (step attributes, checklists, ...). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Turns a snapshot's `{ state, context }` of one version into that of the next.
 *
 * @category Core
 */
export type Migration = (previous: MigrationState) => MigrationState;

/**
 * The part of a snapshot a {@link Migration} rewrites.
 *
 * @category Core
 */
export interface MigrationState {
  /** The state name (it may be renamed by the migration). */
  readonly state: string;
  /** The context, untyped: it is validated against the schema after the last migration. */
  readonly context: unknown;
}

/**
 * A machine definition, as passed to {@link defineMachine}.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam E - The payload schemas of the events, keyed by event type (`null` for an event
 *   without payload).
 * @typeParam G - The guard names, a union of string literals.
 * @typeParam CS - The context schema, or `undefined` for a machine without context.
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface MachineDefinition<
  S extends string,
  E extends EventSchemas,
  G extends string,
  CS extends Schema | undefined,
  R extends string = never,
> {
  /** A stable identifier, stored in every snapshot. */
  readonly id: string;
  /** A positive integer, stored in every snapshot; bump it when snapshots change shape. */
  readonly version: number;
  /** The state a new snapshot starts in. */
  readonly initial: NoInfer<S>;
  /** The zod schema of the context. Omit it for a machine without context. */
  readonly context?: CS;
  /**
   * Whether the context an update returns is parsed with the context schema before it is
   * accepted (default `true`; a failure is `UPDATE_FAILED`). Set `false` only for updates you
   * trust and test, when the context is large: the parse costs time in proportion to its size.
   * Initial contexts and restored snapshots are always validated.
   */
  readonly validateUpdates?: boolean;
  /** Every event the machine knows, with its payload schema (`null`: no payload). */
  readonly events: E;
  /** Named guards referenced from transitions. */
  readonly guards?: {
    readonly [K in G]: Guard<ContextFromSchema<CS>, EventsFromSchemas<E>, NoInfer<R>>;
  };
  /**
   * The refusal codes guards and updates may return, each with a sentence saying what it means
   * (for docs). `transition` reports a refusal as `REFUSED` with `reason.code` typed as this
   * union, so a misspelt code is a compile error.
   */
  readonly refusals?: { readonly [K in R]: string };
  /**
   * Named invariants over `(state, context)`: what must hold between fields and states. Checked
   * by `restoreSnapshot` always, and by `initialSnapshot` and transitions unless `validateUpdates`
   * is `false`.
   */
  readonly invariants?: Readonly<
    Record<string, Invariant<NoInfer<S>, NoInfer<ContextFromSchema<CS>>>>
  >;
  /**
   * When something time-based next changes for a snapshot (a deadline warning or breach, a period
   * end, an expiry), and the event to send then; `undefined` when nothing is due. Read it with
   * {@link nextWakeUp}. It must be pure: time comes from the context, never from a clock.
   */
  readonly wakeUp?: WakeUpRule<
    NoInfer<S>,
    NoInfer<ContextFromSchema<CS>>,
    NoInfer<EventInputsFromSchemas<E>>
  >;
  /** The states, keyed by name. */
  readonly states: {
    // A conditional type for the same reason as `StateConfig['on']`: cached, not rebuilt.
    readonly [K in S]: K extends K ? StateConfig<S, E, G, ContextFromSchema<CS>, R> : never;
  };
  /**
   * Migrations keyed by the version they upgrade from: `{ 1: fn }` turns a version-1 snapshot
   * into a version-2 one. They are chained up to the machine's version.
   */
  readonly migrations?: Readonly<Record<number, Migration>>;
  /** A sentence for docs and diagrams. */
  readonly description?: string;
  /** Domain data the engine carries but never reads (provenance, framework metadata, ...). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * A machine's wake-up rule: given a snapshot's state and context, the next instant at which
 * something time-based changes and the event to send then, or `undefined`.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam In - The event union a caller sends (payloads before parsing).
 * @category Core
 */
export type WakeUpRule<S extends string, C, In> = (args: {
  readonly state: S;
  readonly context: C;
}) => WakeUp<In> | undefined;

/**
 * The next time-based change of a snapshot, as {@link nextWakeUp} returns it: at `at`
 * (milliseconds since the Unix epoch), send `event`. A host stores `at` in a scheduler (a
 * wake-up table, a delayed queue message, a durable timer) and sends the event when it fires; the
 * event carries the time, so the machine never reads a clock.
 *
 * @typeParam In - The event type to send, as a caller sends it (defaults to any event object).
 * @category Core
 */
export interface WakeUp<In = EventObject> {
  /** When to send the event, in milliseconds since the Unix epoch. */
  readonly at: number;
  /** The event to send at `at`. */
  readonly event: In;
  /** What falls due, in a word or a dotted name (`'acknowledge.breach'`), for logs and tables. */
  readonly reason: string;
}

/**
 * The status of a snapshot: `'done'` once a final state is reached.
 *
 * @category Core
 */
export type SnapshotStatus = 'active' | 'done';

/**
 * Where a machine stands: plain JSON with no functions, classes or dates, safe to store anywhere.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export interface Snapshot<S extends string = string, C = unknown> {
  /** The machine's `id`. */
  readonly machine: string;
  /** The machine's `version`. */
  readonly version: number;
  /** The current state. */
  readonly state: S;
  /** The current context. */
  readonly context: C;
  /** `'done'` in a final state, `'active'` otherwise. */
  readonly status: SnapshotStatus;
  /**
   * How many events this snapshot has accepted since its initial snapshot: `0` at the start, one
   * more after every accepted transition, unchanged by a refused one. {@link replay} reproduces
   * it, {@link restoreSnapshot} checks it is a non-negative integer and migrations keep it. A host
   * uses it as the compare-and-set token when saving (`UPDATE … WHERE revision = $seen`) and as
   * the dedupe key for at-least-once delivery.
   */
  readonly revision: number;
}

/**
 * One edge of a machine's graph, flattened for tools (diagrams, path generation, coverage).
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam Ev - The event types, a union of string literals.
 * @category Core
 */
export interface Edge<S extends string = string, Ev extends string = string> {
  /** The state the edge leaves. */
  readonly from: S;
  /** The event type that takes it. */
  readonly event: Ev;
  /** The state it enters. */
  readonly to: S;
  /** The guard that must pass, if any. */
  readonly guard?: string;
  /** Whether it runs a context update. */
  readonly updates: boolean;
  /** Position among the event's candidates in `from` (0 for a single transition). */
  readonly index: number;
  /** The transition's description, if any. */
  readonly description?: string;
  /** The transition's meta, if any. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * A validated machine, made by {@link defineMachine}. Its type parameters carry the state names,
 * the event union and the context type; read them with {@link StateFrom}, {@link EventFrom},
 * {@link ContextFrom} and {@link SnapshotFrom}.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam In - The event union a caller sends: payloads before zod parsing, so a field with a
 *   `.default()` may be left out (defaults to `Ev`).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface Machine<
  // Every parameter is declared covariant (`out`), as it is used, so TypeScript need not measure
  // the variance of `Machine` when a machine is passed to `initialSnapshot`, `transition` and the
  // rest (a third of the type-checking cost of a small consumer file; see bench/types.ts).
  out S extends string = string,
  out Ev extends EventObject = EventObject,
  out C = unknown,
  out In extends EventObject = Ev,
  out R extends string = string,
> {
  /** The machine's identifier. */
  readonly id: string;
  /** The machine's version. */
  readonly version: number;
  /** The initial state. */
  readonly initial: S;
  /** Every state name, in definition order. */
  readonly states: readonly S[];
  /** Every event type, in definition order. */
  readonly events: readonly Ev['type'][];
  /** The final states. */
  readonly finalStates: readonly S[];
  /** The declared refusal codes, in definition order. */
  readonly refusals: readonly R[];
  /** Every transition as a flat list of edges, in definition order. */
  readonly edges: readonly Edge<S, Ev['type']>[];
  /** The definition the machine was made from (schemas, guards, updates, meta). */
  readonly definition: AnyMachineDefinition;
  /** Type-only carrier of the event and context types; always `undefined` at run time. */
  readonly types?: MachineTypes<Ev, C, In, R>;
}

/**
 * The type-only carrier of a machine's event and context types.
 *
 * @typeParam Ev - The event union as guards and updates see it: `{ type, ...payload }`, payloads
 *   after zod parsing.
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @typeParam In - The event union a caller sends (defaults to `Ev`).
 * @typeParam R - The refusal codes the machine declares, a union of string literals (`never` when
 *   it declares none).
 * @category Core
 */
export interface MachineTypes<Ev, C, In = Ev, R extends string = string> {
  /** The event union, as guards and updates see it (payloads parsed). */
  readonly event: Ev;
  /** The context type. */
  readonly context: C;
  /** The event union a caller sends (payloads before parsing: defaulted fields optional). */
  readonly input: In;
  /** The union of the machine's refusal codes. */
  readonly refusal: R;
}

/**
 * A definition with its type parameters erased, as tools see it.
 *
 * @category Core
 */
export interface AnyMachineDefinition {
  /** The machine's identifier. */
  readonly id: string;
  /** The machine's version. */
  readonly version: number;
  /** The initial state. */
  readonly initial: string;
  /** The context schema, if any. */
  readonly context?: Schema | undefined;
  /** Whether update results are parsed with the context schema (default `true`). */
  readonly validateUpdates?: boolean;
  /** The payload schema of each event (`null`: no payload). */
  readonly events: EventSchemas;
  /** The named guards. */
  readonly guards?: Readonly<Record<string, Guard<unknown, never, never>>>;
  /** The refusal codes with their descriptions. */
  readonly refusals?: Readonly<Record<string, string>>;
  /** The named invariants. */
  readonly invariants?: Readonly<Record<string, Invariant<never, never>>>;
  /** The wake-up rule, if any. */
  readonly wakeUp?: WakeUpRule<never, never, EventObject>;
  /** The states, keyed by name. */
  readonly states: Readonly<Record<string, AnyStateConfig>>;
  /** Migrations keyed by the version they upgrade from. */
  readonly migrations?: Readonly<Record<number, Migration>>;
  /** The machine's description. */
  readonly description?: string;
  /** The machine's domain data. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * A state of {@link AnyMachineDefinition}.
 *
 * @category Core
 */
export interface AnyStateConfig {
  /** `'final'` for an end state. */
  readonly type?: 'final';
  /** The transitions, keyed by event type. */
  readonly on?: Readonly<Record<string, unknown>>;
  /** The state's description. */
  readonly description?: string;
  /** The state's domain data. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Any machine, whatever its states, events and context: the parameter type of tools that work on
 * every machine ({@link toMermaid}, path generators, coverage).
 *
 * @category Core
 */
// biome-ignore lint/suspicious/noExplicitAny: the widest machine, for helper types and tools
export type AnyMachine = Machine<any, any, any, any, any>;

/**
 * The state names of a machine.
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type StateFrom<M extends AnyMachine> =
  M extends Machine<infer S, infer _E, infer _C, infer _I, infer _R> ? S : never;

/**
 * The event union of a machine (`{ type, ...payload }`).
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type EventFrom<M extends AnyMachine> =
  M extends Machine<infer _S, infer E, infer _C, infer _I, infer _R> ? E : never;

/**
 * The events a caller may send to a machine (payloads before zod parsing).
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type EventInputFrom<M extends AnyMachine> =
  M extends Machine<infer _S, infer _E, infer _C, infer I, infer _R> ? I : never;

/**
 * The context type of a machine.
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type ContextFrom<M extends AnyMachine> =
  M extends Machine<infer _S, infer _E, infer C, infer _I, infer _R> ? C : never;

/**
 * The snapshot type of a machine.
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type SnapshotFrom<M extends AnyMachine> =
  M extends Machine<infer S, infer _E, infer C, infer _I, infer _R> ? Snapshot<S, C> : never;

/**
 * The refusal codes of a machine, as a literal union (`never` for a machine that declares none).
 *
 * @example
 * ```ts
 * import { defineMachine, type RefusalFrom } from 'servicecraft';
 *
 * const wallet = defineMachine({
 *   id: 'wallet', version: 1, initial: 'open', events: { PAY: null },
 *   refusals: { EMPTY: 'The wallet holds nothing to pay with.' },
 *   guards: { funded: ({ refuse }) => refuse('EMPTY', 'The wallet is empty.') },
 *   states: { open: { on: { PAY: { target: 'open', guard: 'funded' } } } },
 * });
 * type Codes = RefusalFrom<typeof wallet>; // 'EMPTY'
 * ```
 *
 * @typeParam M - The machine type, usually `typeof yourMachine`.
 * @category Core
 */
export type RefusalFrom<M extends AnyMachine> =
  M extends Machine<infer _S, infer _E, infer _C, infer _I, infer R> ? R : never;
