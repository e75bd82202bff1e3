/**
 * The shapes of a service framework: what you write (`FrameworkSpec`), what you get back
 * (`Framework`), and the events and context of the machine a framework compiles to.
 *
 * @module
 */
import type { Machine, Refusal, Schema, Snapshot } from '../core/index.js';

/**
 * Where an outcome may lead: the id of a step, or `'end'` for "the interaction may finish here".
 *
 * @example
 * ```ts
 * import type { OutcomeTarget } from 'servicecraft/frameworks';
 *
 * const next: OutcomeTarget<'perform' | 'followUp'> = 'end';
 * ```
 *
 * @category Frameworks
 */
export type OutcomeTarget<S extends string> = S | 'end';

/**
 * An outcome written in full: where it leads, the steps that become required once the outcome is
 * taken (the branch's own mandatory steps), and a guard that must allow recording it.
 *
 * @example
 * ```ts
 * import type { OutcomeSpec } from 'servicecraft/frameworks';
 *
 * const refund: OutcomeSpec<'collectItem' | 'refund'> = {
 *   to: 'collectItem',
 *   requires: ['collectItem', 'refund'],
 *   guard: 'withinReturnWindow',
 * };
 * ```
 *
 * @category Frameworks
 */
export interface OutcomeSpec<S extends string> {
  /** Where the outcome may lead: a step id, `'end'`, or several. */
  readonly to: OutcomeTarget<S> | readonly OutcomeTarget<S>[];
  /**
   * Steps required once this outcome is the step's latest outcome, on top of the framework's
   * mandatory steps. A record is scored against the requirements of the branches it took only.
   */
  readonly requires?: readonly S[];
  /** The name of a guard (in the spec's `guards`) that must allow the outcome. */
  readonly guard?: string;
}

/**
 * An alias with a guard: the recorded action `name` means this step when the guard allows it.
 *
 * @example
 * ```ts
 * import type { AliasSpec } from 'servicecraft/frameworks';
 *
 * const alias: AliasSpec = { name: 'process-return', guard: 'isGold' };
 * ```
 *
 * @category Frameworks
 */
export interface AliasSpec {
  /** The action name as it appears in logs. */
  readonly name: string;
  /** The name of a guard (in the spec's `guards`); without one the alias always applies. */
  readonly guard?: string;
}

/**
 * What a framework guard receives: the interaction's data (validated by the spec's `data`
 * schema), the step counts and latest outcomes so far, the event, and `refuse` to build a
 * `CONDITION_NOT_MET` refusal.
 *
 * @category Frameworks
 */
export interface FrameworkGuardArgs<D> {
  /** The interaction's data, as given to `initialSnapshot(machine, { data })` or in the record. */
  readonly data: D;
  /** How many times each step was entered so far. */
  readonly counts: Readonly<Record<string, number>>;
  /** The latest outcome of each step that has one. */
  readonly branches: Readonly<Record<string, string>>;
  /** The event being checked. */
  readonly event: FrameworkGuardEvent;
  /** Builds the refusal to return when the rule says no; `message` is a sentence. */
  refuse(
    message: string,
    details?: Readonly<Record<string, unknown>>,
  ): Refusal<'CONDITION_NOT_MET'>;
}

/**
 * A rule on data: `true` lets the move happen, `false` means "does not apply here" (the next
 * candidate, for an alias, is tried; otherwise the move is not allowed), and a refusal from
 * `refuse` stops the move with `CONDITION_NOT_MET`. Never throw for a rule outcome.
 *
 * @example
 * ```ts
 * import type { FrameworkGuard } from 'servicecraft/frameworks';
 *
 * const withinWindow: FrameworkGuard<{ days: number }> = ({ data, refuse }) =>
 *   data.days <= 90 || refuse(`Bought ${data.days} days ago; the window is 90 days.`);
 * ```
 *
 * @category Frameworks
 */
export type FrameworkGuard<D> = (
  args: FrameworkGuardArgs<D>,
) => boolean | Refusal<'CONDITION_NOT_MET'>;

/**
 * One step as you write it in {@link defineFramework}.
 *
 * @example
 * ```ts
 * import type { StepSpec } from 'servicecraft/frameworks';
 *
 * const close: StepSpec<'close' | 'perform' | 'followUp', 'sold' | 'notNow'> = {
 *   id: 'close',
 *   description: 'Confirm the details and ask for a decision.',
 *   outcomes: { sold: 'perform', notNow: 'followUp' },
 * };
 * ```
 *
 * @category Frameworks
 */
export interface StepSpec<S extends string, O extends string> {
  /**
   * A camelCase or kebab-case id, unique in the framework; it is also the live event's `type` and
   * a state name.
   */
  readonly id: S;
  /** What doing this step well looks like, in a sentence or two. */
  readonly description: string;
  /** Whether every successful interaction must include the step (default `true`). */
  readonly mandatory?: boolean;
  /**
   * How many times the step may happen in one interaction, in total (default `1`; `Infinity`
   * for no cap). Caps are a policy choice: {@link adaptFramework} changes them on a preset.
   */
  readonly maxTimes?: number;
  /** Earlier (or other) steps you may go back to from here, such as objections back to presenting. */
  readonly back?: readonly NoInfer<S>[];
  /**
   * Named outcomes of the step and where each may lead. A step with outcomes cannot be left
   * forward until one is recorded; the outcome decides the way on.
   */
  readonly outcomes?: {
    readonly [K in O]?:
      | OutcomeTarget<NoInfer<S>>
      | readonly OutcomeTarget<NoInfer<S>>[]
      | OutcomeSpec<NoInfer<S>>;
  };
  /**
   * The name of a guard (declared in the spec's `guards`) that must allow every entry into the
   * step; a guard refusal is a `CONDITION_NOT_MET` refusal.
   */
  readonly guard?: string;
  /**
   * Other action names that mean this step in recorded and live events (`'pull-up-account'`).
   * With a guard, one alias can mean different steps depending on the data: the first step whose
   * alias guard passes is taken.
   */
  readonly aliases?: readonly (string | AliasSpec)[];
  /** Whether the step is a moment of truth: a contact point where the customer forms an opinion. */
  readonly momentOfTruth?: boolean;
}

/**
 * A quality as you write it: a checklist item that should hold across the whole interaction.
 *
 * @example
 * ```ts
 * import type { QualitySpec } from 'servicecraft/frameworks';
 *
 * const empathy: QualitySpec<'empathy'> = { id: 'empathy', description: 'Acknowledge feelings.' };
 * ```
 *
 * @category Frameworks
 */
export interface QualitySpec<Q extends string> {
  /** A camelCase id, unique among the framework's qualities. */
  readonly id: Q;
  /** What the quality looks like in practice. */
  readonly description: string;
  /** Whether a conforming interaction must show it (default `true`); optional ones are a bonus. */
  readonly mandatory?: boolean;
  /** The step the item belongs to, when the source groups its checklist by step. */
  readonly step?: string;
}

/**
 * What {@link defineFramework} takes.
 *
 * @example
 * ```ts
 * import type { FrameworkSpec } from 'servicecraft/frameworks';
 *
 * const spec: FrameworkSpec<'greet' | 'help', 'smile', never> = {
 *   id: 'counter',
 *   name: 'Counter service',
 *   source: 'In-house checklist',
 *   steps: [
 *     { id: 'greet', description: 'Say hello.' },
 *     { id: 'help', description: 'Solve the request.' },
 *   ],
 *   qualities: [{ id: 'smile', description: 'Friendly tone throughout.' }],
 * };
 * ```
 *
 * @category Frameworks
 */
export interface FrameworkSpec<
  S extends string,
  Q extends string,
  O extends string,
  D = undefined,
> {
  /** A stable id; it becomes the machine id and the `framework` field of recorded interactions. */
  readonly id: string;
  /** The machine version stored in snapshots (default `1`). */
  readonly version?: number;
  /** A human-readable name. */
  readonly name: string;
  /** Where the framework comes from (publication, standard, vendor), so nobody mistakes its status. */
  readonly source: string;
  /** A sentence about the framework as a whole. */
  readonly description?: string;
  /** The steps, in their expected order. */
  readonly steps: readonly StepSpec<S, O>[];
  /** The qualities checked across the whole interaction. */
  readonly qualities?: readonly QualitySpec<Q>[];
  /**
   * A zod schema for the interaction's data (customer tier, days since purchase, ...). Live, pass
   * it as `initialSnapshot(machine, { data })`; in a record, as `data`. Guards read it.
   */
  readonly data?: DataSchema<D>;
  /** Named rules on the data, referenced by steps, outcomes and aliases. */
  readonly guards?: { readonly [name: string]: FrameworkGuard<NoInfer<D>> };
}

/**
 * A step of a compiled framework, with every default filled in.
 *
 * @category Frameworks
 */
export interface FrameworkStep<S extends string = string, O extends string = string> {
  /** The step id. */
  readonly id: S;
  /** Its position in the expected order, from 0. */
  readonly order: number;
  /** What doing the step well looks like. */
  readonly description: string;
  /** Whether every successful interaction must include it. */
  readonly mandatory: boolean;
  /** How many times it may happen in total. */
  readonly maxTimes: number;
  /** The steps you may go back to from here. */
  readonly back: readonly S[];
  /** Its outcomes and where each leads (empty when the step has none). */
  readonly outcomes: Readonly<Partial<Record<O, readonly OutcomeTarget<S>[]>>>;
  /** Steps each outcome makes required (empty lists when none). */
  readonly requires: Readonly<Partial<Record<O, readonly S[]>>>;
  /** The guard of each outcome that has one. */
  readonly outcomeGuards: Readonly<Partial<Record<O, string>>>;
  /** The guard on entering the step, or `null`. */
  readonly guard: string | null;
  /** Other action names for the step, each with its guard or `null`. */
  readonly aliases: readonly FrameworkAlias[];
  /** Whether it is a moment of truth. */
  readonly momentOfTruth: boolean;
}

/**
 * A quality of a compiled framework, with every default filled in.
 *
 * @category Frameworks
 */
export interface FrameworkQuality<Q extends string = string> {
  /** The quality id. */
  readonly id: Q;
  /** What it looks like in practice. */
  readonly description: string;
  /** Whether a conforming interaction must show it. */
  readonly mandatory: boolean;
  /** The step it is grouped under, if any. */
  readonly step?: string;
}

/**
 * Who and when, carried by every live event: `at` in epoch milliseconds (a non-negative integer),
 * plus optional `actor`, `channel` and `note`.
 *
 * @category Frameworks
 */
export interface EventStamp {
  /** When it happened, in epoch milliseconds. Events must arrive in time order. */
  readonly at: number;
  /** Who did it (an agent id, a bot name). */
  readonly actor?: string | undefined;
  /** Where it happened (`'phone'`, `'chat'`, `'store'`, ...). */
  readonly channel?: string | undefined;
  /** A free-text remark. */
  readonly note?: string | undefined;
}

/**
 * The live events of a framework machine: one event type per step (`{ type: 'present', at }`), one
 * per outcome (`{ type: 'sold', at }`), `QUALITY` for an observed quality, `END` to finish
 * successfully and `ABANDON` to stop early.
 *
 * @category Frameworks
 */
export type FrameworkEvent<S extends string, Q extends string, O extends string> =
  | ({
      /** The step being entered. */
      readonly type: S;
    } & EventStamp)
  | ({
      /** The outcome of the current step. */
      readonly type: O;
    } & EventStamp)
  | ({
      /** A quality was observed. */
      readonly type: 'QUALITY';
      /** Which quality. */
      readonly quality: Q;
    } & EventStamp)
  | ({
      /** Finish successfully (needs every mandatory step). */
      readonly type: 'END';
    } & EventStamp)
  | ({
      /** Stop before a successful end. */
      readonly type: 'ABANDON';
    } & EventStamp);

/**
 * The states of a framework machine: `start`, one per step, one per step outcome
 * (`'close:sold'`), and the final states `completed` (successful end) and `abandoned`.
 *
 * @category Frameworks
 */
export type FrameworkState<S extends string, O extends string> =
  | 'start'
  | S
  | `${S}:${O}`
  | 'completed'
  | 'abandoned';

/**
 * The context of a framework machine. Its size depends on the framework, never on how many events
 * were applied: counts per step and per quality, and two timestamps.
 *
 * @category Frameworks
 */
export interface FrameworkContext<S extends string, Q extends string> {
  /** How many times each step was entered. */
  readonly counts: Readonly<Record<S, number>>;
  /** How many times each quality was observed. */
  readonly qualities: Readonly<Record<Q, number>>;
  /** The `at` of the first event, or `null` before any. */
  readonly startedAt: number | null;
  /** The `at` of the latest event, or `null` before any. */
  readonly lastAt: number | null;
  /** The latest outcome of each step that recorded one. */
  readonly branches: Readonly<Record<string, string>>;
  /** The interaction's data, when the framework declares a `data` schema. */
  readonly data?: unknown;
}

/**
 * The refusal codes of every framework machine: the `reason.code` of a `REFUSED` transition.
 *
 * - `OUT_OF_ORDER`: the event's `at` is before the previous event's (`details: { at, lastAt }`).
 * - `REPEAT_LIMIT`: the step was already done `maxTimes` times
 *   (`details: { step, count, maxTimes }`).
 * - `MANDATORY_MISSING`: `END` was sent while a mandatory step (or a step the latest outcomes
 *   require) was never done (`details: { missing }`).
 * - `CONDITION_NOT_MET`: a guard of the framework refused the step, outcome or alias
 *   (`details: { guard, ... }` plus what the guard added).
 *
 * @example
 * ```ts
 * import { initialSnapshot, transition } from 'servicecraft';
 * import { eightStepsOfService } from 'servicecraft/frameworks';
 * import type { FrameworkRefusal } from 'servicecraft/frameworks';
 *
 * const m = eightStepsOfService.machine;
 * const greeted = transition(m, initialSnapshot(m), { type: 'approach', at: 1_000 });
 * if (greeted.ok) {
 *   const late = transition(m, greeted.snapshot, { type: 'determineNeeds', at: 500 });
 *   const code: FrameworkRefusal | undefined = late.ok ? undefined : late.error.reason?.code;
 *   code; // 'OUT_OF_ORDER'
 * }
 * ```
 *
 * @category Frameworks
 */
export type FrameworkRefusal =
  | 'OUT_OF_ORDER'
  | 'REPEAT_LIMIT'
  | 'MANDATORY_MISSING'
  | 'CONDITION_NOT_MET';

/**
 * The machine a framework compiles to; use it with `initialSnapshot`, `transition`, `createFlow`,
 * `replay` and `toMermaid`. Its refusal codes are {@link FrameworkRefusal}.
 *
 * @category Frameworks
 */
export type FrameworkMachine<S extends string, Q extends string, O extends string> = Machine<
  FrameworkState<S, O>,
  FrameworkEvent<S, Q, O>,
  FrameworkContext<S, Q>,
  FrameworkEvent<S, Q, O>,
  FrameworkRefusal
>;

/**
 * A snapshot of a framework machine.
 *
 * @category Frameworks
 */
export type FrameworkSnapshot<S extends string, Q extends string, O extends string> = Snapshot<
  FrameworkState<S, O>,
  FrameworkContext<S, Q>
>;

/**
 * A compiled framework: its metadata plus the core machine it drives.
 *
 * @category Frameworks
 */
export interface Framework<
  S extends string = string,
  Q extends string = string,
  O extends string = string,
> {
  /** The framework id (also the machine id). */
  readonly id: string;
  /** The machine version. */
  readonly version: number;
  /** A human-readable name. */
  readonly name: string;
  /** Where the framework comes from. */
  readonly source: string;
  /** A sentence about the framework, when given. */
  readonly description?: string;
  /** The steps in their expected order, with defaults filled in. */
  readonly steps: readonly FrameworkStep<S, O>[];
  /** The qualities, with defaults filled in. */
  readonly qualities: readonly FrameworkQuality<Q>[];
  /** Every outcome id declared by any step. */
  readonly outcomes: readonly O[];
  /** The compiled machine. */
  readonly machine: FrameworkMachine<S, Q, O>;
  /** The spec it was defined from (read by {@link adaptFramework}). */
  readonly spec: FrameworkSpec<S, Q, O, unknown>;
}

/**
 * A framework with its type parameters widened, for helpers that accept any framework.
 *
 * @category Frameworks
 */
export type AnyFramework = Framework<string, string, string>;

/**
 * The step ids of a framework.
 *
 * @category Frameworks
 */
export type StepFrom<F> = F extends Framework<infer S, infer _Q, infer _O> ? S : never;

/**
 * The quality ids of a framework.
 *
 * @category Frameworks
 */
export type QualityFrom<F> = F extends Framework<infer _S, infer Q, infer _O> ? Q : never;

/**
 * The outcome ids of a framework.
 *
 * @category Frameworks
 */
export type OutcomeFrom<F> = F extends Framework<infer _S, infer _Q, infer O> ? O : never;

/**
 * The event a framework guard sees: the step, outcome or alias being taken.
 *
 * @category Frameworks
 */
export interface FrameworkGuardEvent {
  /** The step, outcome or recorded action name. */
  readonly type: string;
  /** When it happened (epoch ms), if the event carries a time. */
  readonly at?: number;
  /** Who did it, if known. */
  readonly actor?: string;
}

/**
 * A recorded action name that stands for a step, with the guard that must pass for it to.
 *
 * @category Frameworks
 */
export interface FrameworkAlias {
  /** The name as it appears in records, e.g. `'pull-up-account'`. */
  readonly name: string;
  /** The guard deciding whether the alias means this step, or `null` for always. */
  readonly guard: string | null;
}

/**
 * A zod schema whose parsed output is `D`: how a framework declares its interaction data.
 *
 * @category Frameworks
 */
export type DataSchema<D> = Schema & {
  /** zod's internals, read only for the output type. */
  readonly _zod: {
    /** The parsed data type. */
    readonly output: D;
  };
};
