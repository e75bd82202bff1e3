/**
 * Service-recovery models (HEARD, LAST, LEARN, LATTE) as data, and a small builder that turns an
 * ordered step list into a linear machine.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError, UsageError } from '../core/errors.js';
import { defineMachine, type Machine, type TypedEvent } from '../core/index.js';
import {
  addClock,
  type ConversationClock,
  type ConversationRefusal,
  type ConversationStamp,
  clockFields,
  clockInvariants,
  conversationRefusals,
  conversationStamp,
  stamped,
} from './flow-clock.js';
import { deepFreeze, notAnObject, shown } from './internal.js';

/**
 * One step of a recovery model.
 *
 * @category Complaints
 */
export interface RecoveryStep<Id extends string = string> {
  /** The state name, e.g. `'empathize'`. */
  readonly id: Id;
  /** The word the acronym letter stands for, e.g. `'Empathize'`. */
  readonly label: string;
  /** What the step asks of the agent. */
  readonly summary: string;
  /** Whether the step may happen after the customer has left (HEARD's Diagnose). */
  readonly afterCustomerLeaves?: boolean;
}

/**
 * A recovery model: its name, provenance and one or more orderings of its steps.
 *
 * @category Complaints
 */
export interface RecoveryModel {
  /** The acronym. */
  readonly name: string;
  /** Where the model comes from. */
  readonly source: string;
  /** The variant used when none is asked for. */
  readonly defaultVariant: string;
  /** Each variant's steps, in order. */
  readonly variants: Readonly<Record<string, readonly RecoveryStep[]>>;
}

const step = (
  id: string,
  label: string,
  summary: string,
  afterCustomerLeaves?: boolean,
): RecoveryStep =>
  afterCustomerLeaves ? { id, label, summary, afterCustomerLeaves } : { id, label, summary };

const listen = step('listen', 'Listen', 'Let the customer tell the whole story');
const empathize = step('empathize', 'Empathize', 'Show you understand how they feel');
const apologize = step('apologize', 'Apologize', 'Apologise sincerely for the experience');
const thank = step('thank', 'Thank', 'Thank the customer for raising it');
const notify = step('notify', 'Notify', 'Record it and tell those who can prevent a repeat');

/**
 * The recovery models with their known variants. Sources disagree on some orderings; the library
 * keeps each as a variant rather than picking one.
 *
 * @example
 * ```ts
 * import { recoveryModels } from 'servicecraft/complaints';
 *
 * recoveryModels.latte.variants.thankThenExplain?.map((s) => s.label);
 * // ['Listen', 'Acknowledge', 'Take action', 'Thank', 'Explain']
 * ```
 *
 * @category Complaints
 */
export const recoveryModels: Readonly<Record<RecoveryModelName, RecoveryModel>> = deepFreeze({
  heard: {
    name: 'HEARD',
    source: 'Disney Institute guest-recovery model (public)',
    defaultVariant: 'standard',
    variants: {
      standard: [
        step('hear', 'Hear', 'Let the guest speak without interruption'),
        empathize,
        apologize,
        step('resolve', 'Resolve', 'Fix it, or make it right'),
        step('diagnose', 'Diagnose', 'Find the root cause so it does not recur', true),
      ],
    },
  },
  last: {
    name: 'LAST',
    source:
      'LAST (Listen, Apologize, Solve, Thank), a service-recovery model common in hospitality training',
    defaultVariant: 'standard',
    variants: { standard: [listen, apologize, step('solve', 'Solve', 'Solve the problem'), thank] },
  },
  learn: {
    name: 'LEARN',
    source:
      'LEARN (Listen, Empathize, Apologize, React or Respond, Notify), a service-recovery model from hospitality training; sources differ on the fourth step',
    defaultVariant: 'react',
    variants: {
      react: [listen, empathize, apologize, step('react', 'React', 'Act on the problem'), notify],
      respond: [
        listen,
        empathize,
        apologize,
        step('respond', 'Respond', 'Answer with a solution'),
        notify,
      ],
    },
  },
  latte: {
    name: 'LATTE',
    source:
      'LATTE method, widely attributed to Starbucks staff training (public; sources disagree on the order)',
    defaultVariant: 'thankThenExplain',
    variants: {
      thankThenExplain: [
        listen,
        step('acknowledge', 'Acknowledge', 'Acknowledge the complaint'),
        step('takeAction', 'Take action', 'Act to fix it'),
        thank,
        step('explain', 'Explain', 'Explain what happened and what was done'),
      ],
      explainThenThank: [
        listen,
        step('acknowledge', 'Acknowledge', 'Acknowledge the complaint'),
        step('takeAction', 'Take action', 'Act to fix it'),
        step('explain', 'Explain', 'Explain what happened and what was done'),
        thank,
      ],
    },
  },
});

/**
 * The name of a model in {@link recoveryModels}.
 *
 * @category Complaints
 */
export type RecoveryModelName = 'heard' | 'last' | 'learn' | 'latte';

/**
 * The event of a step sequence: `NEXT` completes the current step. It carries a
 * {@link ConversationStamp}: `at` (epoch ms, required) and optional `actor`, `channel`, `note`.
 *
 * @category Complaints
 */
export type StepSequenceEvent = TypedEvent<'NEXT'> & ConversationStamp;

/**
 * A linear step machine: one state per step, `NEXT` completes the current step, `done` is final.
 * Its context is the conversation's clock ({@link ConversationClock}); a `NEXT` dated before the
 * previous one is refused with `OUT_OF_ORDER` ({@link ConversationRefusal}).
 *
 * @category Complaints
 */
export type StepSequenceMachine<Id extends string = string> = Machine<
  Id | 'done',
  StepSequenceEvent,
  ConversationClock,
  StepSequenceEvent,
  ConversationRefusal
>;

/**
 * Builds a linear machine from an ordered step list: each step is a state, `NEXT` moves on, and
 * the last step leads to the final state `done`. Step data travels in each state's `meta`.
 *
 * Every `NEXT` carries `at` (epoch ms) and optionally `actor`, `channel` and `note`; the context
 * keeps `startedAt`, `lastAt` and `lastActor`, and a `NEXT` dated before the previous one is
 * refused (`REFUSED` with `reason.code` `'OUT_OF_ORDER'`, snapshot unchanged). The machines are
 * version 2; a version-1 snapshot (no clock) restores only while still at the first step.
 *
 * @example
 * ```ts
 * import { defineStepSequence } from 'servicecraft/complaints';
 *
 * const greet = defineStepSequence({
 *   id: 'greet',
 *   source: 'house style guide',
 *   steps: [
 *     { id: 'smile', label: 'Smile', summary: 'Make eye contact' },
 *     { id: 'hello', label: 'Hello', summary: 'Say hello by name' },
 *   ],
 * });
 * greet.states; // ['smile', 'hello', 'done']
 * ```
 *
 * @example
 * ```ts
 * import { replay } from 'servicecraft';
 * import { defineStepSequence } from 'servicecraft/complaints';
 *
 * const greet = defineStepSequence({
 *   id: 'greet',
 *   source: 'house style guide',
 *   steps: [
 *     { id: 'smile', label: 'Smile', summary: 'Make eye contact' },
 *     { id: 'hello', label: 'Hello', summary: 'Say hello by name' },
 *   ],
 * });
 * const late = replay(greet, [
 *   { type: 'NEXT', at: 5_000, actor: 'ana' },
 *   { type: 'NEXT', at: 4_000 },
 * ]);
 * if (!late.ok) console.log(late.error.reason?.code); // 'OUT_OF_ORDER'
 * ```
 *
 * @param spec - The machine id, a `source` note and the steps in order (ids distinct, not `done`).
 * @returns The machine.
 * @throws `UsageError` when the spec has the wrong shape, or its steps are empty, repeated or named
 *   `done`, naming each problem; a `DefinitionError` for other problems (e.g. a reserved state
 *   name).
 * @category Complaints
 */
export function defineStepSequence<const Id extends string>(spec: {
  readonly id: string;
  readonly source: string;
  readonly steps: readonly RecoveryStep<Id>[];
  readonly description?: string;
}): StepSequenceMachine<Id> {
  const parsed = stepSequenceSchema.safeParse(spec);
  if (!parsed.success) throw optionsError('defineStepSequence', parsed.error.issues);
  return stepSequence(parsed.data as unknown as typeof spec) as StepSequenceMachine<Id>;
}

/**
 * The machine of a step sequence whose spec is already checked: what {@link stepSequenceSchema}
 * returns, or a spec from {@link recoveryModels} (valid by construction and frozen).
 */
function stepSequence(spec: {
  readonly id: string;
  readonly source: string;
  readonly steps: readonly RecoveryStep[];
  readonly description?: string | undefined;
}): StepSequenceMachine {
  const { id, source, steps, description } = spec;
  const ids = steps.map((s) => s.id);
  const next = stamped<ConversationClock, StepSequenceEvent>();
  const states: Record<string, unknown> = {};
  steps.forEach((s, i) => {
    states[s.id] = {
      description: s.summary,
      meta: { step: s, position: i + 1 } as Record<string, unknown>,
      on: { NEXT: { target: ids[i + 1] ?? 'done', update: next } },
    };
  });
  states.done = { type: 'final', description: 'Every step completed' };
  const initial = ids[0] as string;
  return defineMachine({
    id,
    version: 2,
    migrations: { 1: addClock },
    initial,
    ...(description === undefined ? {} : { description }),
    meta: { source, steps },
    context: z.object(clockFields),
    events: { NEXT: conversationStamp },
    refusals: conversationRefusals,
    invariants: clockInvariants(initial),
    states,
  } as never) as unknown as StepSequenceMachine;
}

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .check(
      z.trim(),
      z.minLength(1, { error: `${what} cannot be empty` }),
      z.maxLength(max, { error: `${what} is at most ${max} characters long` }),
    );

const stepSchema = z.strictObject(
  {
    id: z
      .string({ error: 'a step id must be a string' })
      .check(
        z.minLength(1, { error: 'a step id cannot be empty' }),
        z.maxLength(100, { error: 'a step id is at most 100 characters long' }),
      ),
    label: text('a step label', 200),
    summary: text('a step summary', 2000),
    afterCustomerLeaves: z.boolean({ error: 'afterCustomerLeaves must be a boolean' }).optional(),
  },
  { error: notAnObject('a step must be { id, label, summary, afterCustomerLeaves? }') },
);

const stepSequenceSchema = z
  .strictObject(
    {
      id: text('id', 200),
      source: text('source', 2000),
      steps: z
        .array(stepSchema, { error: 'steps must be an array of steps, in order' })
        .check(
          z.minLength(1, { error: 'a step sequence needs at least one step' }),
          z.maxLength(100, { error: 'a step sequence has at most 100 steps' }),
        ),
      description: text('description', 2000).optional(),
    },
    { error: notAnObject('the spec must be { id, source, steps, description? }') },
  )
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.steps.forEach((s, i) => {
      if (s.id === 'done') {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'id'],
          message: "the step id 'done' is reserved for the final state",
        });
      } else if (seen.has(s.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'id'],
          message: `the step id ${shown(s.id)} is repeated; step ids must be distinct`,
        });
      }
      seen.add(s.id);
    });
  });

/**
 * The machine of one recovery model variant.
 *
 * @example
 * ```ts
 * import { initialSnapshot } from 'servicecraft';
 * import { recoveryMachine } from 'servicecraft/complaints';
 *
 * const learn = recoveryMachine('learn', 'respond');
 * learn.states; // ['listen', 'empathize', 'apologize', 'respond', 'notify', 'done']
 * initialSnapshot(learn).state; // 'listen'
 * ```
 *
 * @param model - A key of {@link recoveryModels}.
 * @param variant - One of the model's variants (default: its `defaultVariant`).
 * @returns A linear step machine with id `<model>-<variant>`.
 * @throws `UsageError` for a model or a variant that does not exist.
 * @category Complaints
 */
export function recoveryMachine(model: RecoveryModelName, variant?: string): StepSequenceMachine {
  const parsed = recoveryChoiceSchema.safeParse({ model, variant });
  if (!parsed.success) throw optionsError('recoveryMachine', parsed.error.issues);
  return recoveryOf(parsed.data.model, parsed.data.variant);
}

/**
 * The machine of a checked model name and variant. The presets below are built here directly:
 * their arguments and the model tables are valid by construction, so they skip both parses
 * (a zod schema's first parse is its costliest, and these ran while the package loaded).
 */
function recoveryOf(model: RecoveryModelName, variant: string | undefined): StepSequenceMachine {
  const m: RecoveryModel = recoveryModels[model];
  const chosen = variant ?? m.defaultVariant;
  const steps = Object.hasOwn(m.variants, chosen) ? m.variants[chosen] : undefined;
  if (steps === undefined) {
    throw new UsageError(
      `${m.name} has no variant ${shown(chosen)}; known variants: ${Object.keys(m.variants).join(', ')}.`,
      [{ path: ['variant'], message: 'not a variant of this model' }],
    );
  }
  return stepSequence({
    id: `${model}-${chosen}`,
    source: m.source,
    steps,
    description: `${m.name}: ${steps.map((s) => s.label).join(' → ')}`,
  });
}

const recoveryChoiceSchema = z.object({
  model: z.enum(['heard', 'last', 'learn', 'latte'], {
    error: (issue) =>
      `model must be one of heard, last, learn, latte; received ${shown(issue.input)}`,
  }),
  variant: z.string({ error: 'variant must be a string' }).max(200).optional(),
});

/**
 * HEARD (Disney): Hear → Empathize → Apologize → Resolve → Diagnose; Diagnose may happen after the
 * customer leaves.
 *
 * @example
 * ```ts
 * import { initialSnapshot } from 'servicecraft';
 * import { heardRecovery } from 'servicecraft/complaints';
 *
 * initialSnapshot(heardRecovery).state; // 'hear'
 * ```
 *
 * @category Complaints
 */
export const heardRecovery: StepSequenceMachine<
  'hear' | 'empathize' | 'apologize' | 'resolve' | 'diagnose'
> = recoveryOf('heard', undefined) as never;

/**
 * LAST: Listen → Apologize → Solve → Thank.
 *
 * @example
 * ```ts
 * import { lastRecovery } from 'servicecraft/complaints';
 *
 * lastRecovery.states; // ['listen', 'apologize', 'solve', 'thank', 'done']
 * ```
 *
 * @category Complaints
 */
export const lastRecovery: StepSequenceMachine<'listen' | 'apologize' | 'solve' | 'thank'> =
  recoveryOf('last', undefined) as never;

/**
 * LEARN, `react` variant: Listen → Empathize → Apologize → React → Notify (see
 * {@link recoveryModels} for the `respond` variant).
 *
 * @example
 * ```ts
 * import { learnRecovery } from 'servicecraft/complaints';
 *
 * learnRecovery.id; // 'learn-react'
 * ```
 *
 * @category Complaints
 */
export const learnRecovery: StepSequenceMachine<
  'listen' | 'empathize' | 'apologize' | 'react' | 'notify'
> = recoveryOf('learn', undefined) as never;

/**
 * LATTE, `thankThenExplain` variant: Listen → Acknowledge → Take action → Thank → Explain (see
 * {@link recoveryModels} for `explainThenThank`).
 *
 * @example
 * ```ts
 * import { latteRecovery } from 'servicecraft/complaints';
 *
 * latteRecovery.id; // 'latte-thankThenExplain'
 * ```
 *
 * @category Complaints
 */
export const latteRecovery: StepSequenceMachine<
  'listen' | 'acknowledge' | 'takeAction' | 'thank' | 'explain'
> = recoveryOf('latte', undefined) as never;
