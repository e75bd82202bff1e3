/**
 * `servicecraft/fast-check`: fast-check arbitraries for machines: payloads derived from zod
 * schemas, single events, valid event sequences that respect guards, and arbitrary (possibly
 * invalid) sequences. The one entry of the package that loads fast-check.
 *
 * @module servicecraft/fast-check
 */
import fc from 'fast-check';
import type * as z from 'zod';
import {
  type AnyMachine,
  type EventFrom,
  initialSnapshot,
  type Schema,
  type SnapshotFrom,
  transition,
} from '../core/index.js';
import { accepts } from '../core/internal.js';
import { edgesByState } from '../testing/explore.js';
import { arbitraryOptions, checkMachine, checkOptions } from '../testing/options.js';
import { type PayloadSamples, samplePayloads } from '../testing/samples.js';
import {
  acceptsNothing,
  numberFits,
  readSchema,
  type SchemaNode,
  UnsupportedSchemaError,
} from '../testing/schema.js';

const latestEpochMs = 4102444800000; // 2100-01-01T00:00:00Z

function arbitraryOf(node: SchemaNode): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'string':
      return stringArbitrary(node);
    case 'number':
      return numberArbitrary(node);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...node.values);
    case 'optional':
    case 'default':
      return fc.option(arbitraryOf(node.inner), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryOf(node.inner), { nil: null });
    case 'array':
      return fc.array(arbitraryOf(node.element), {
        minLength: node.min,
        maxLength: Math.min(node.max ?? node.min + 5, node.min + 5),
      });
    case 'tuple':
      return fc.tuple(...node.items.map(arbitraryOf));
    case 'object': {
      const model = Object.fromEntries(node.shape.map(([key, child]) => [key, arbitraryOf(child)]));
      const requiredKeys = node.shape.filter(
        ([, child]) => child.kind !== 'optional' && child.kind !== 'default',
      );
      return fc.record(model, { requiredKeys: requiredKeys.map(([key]) => key) });
    }
    case 'record':
      return fc.dictionary(arbitraryOf(node.key) as fc.Arbitrary<string>, arbitraryOf(node.value), {
        maxKeys: 5,
      });
    case 'union':
      return fc.oneof(...node.options.map(arbitraryOf));
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'never':
      // Only reached where leaving the value out is allowed (an optional never).
      return fc.constant(undefined);
    case 'refined': {
      // Values a refinement keeps are rare among random ones: mix in the derived samples.
      const known = refinedSamples(node);
      const random = arbitraryOf(node.inner).filter((value) => accepts(node.schema, value));
      return known.length === 0
        ? random
        : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, random);
    }
  }
}

/** The derived samples of a refined node (empty when none can be derived). */
function refinedSamples(node: SchemaNode): unknown[] {
  try {
    return samplePayloads((node as Extract<SchemaNode, { kind: 'refined' }>).schema);
  } catch {
    return [];
  }
}

function stringArbitrary(node: Extract<SchemaNode, { kind: 'string' }>): fc.Arbitrary<string> {
  if (node.pattern !== undefined) return fc.stringMatching(node.pattern);
  switch (node.format) {
    case 'email':
      return fc
        .tuple(
          fc.stringMatching(/^[a-z0-9]{1,12}$/),
          fc.constantFrom('example.com', 'example.org', 'mail.test'),
        )
        .map(([user, domain]) => `${user}@${domain}`);
    case 'uuid':
      return fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] });
    case 'url':
      return fc.webUrl();
    case 'datetime':
      return fc.integer({ min: 0, max: latestEpochMs }).map((ms) => new Date(ms).toISOString());
    case 'date':
      return fc
        .integer({ min: 0, max: latestEpochMs })
        .map((ms) => new Date(ms).toISOString().slice(0, 10));
    default: {
      const maxLength = Math.min(node.max ?? node.min + 20, node.min + 20);
      return fc.string({ minLength: node.min, maxLength }).map((s) => s.toLowerCase());
    }
  }
}

function numberArbitrary(node: Extract<SchemaNode, { kind: 'number' }>): fc.Arbitrary<number> {
  const { min, max, multipleOf } = node;
  if (multipleOf !== undefined) {
    const low = Math.ceil((min ?? -1e6) / multipleOf);
    const high = Math.floor((max ?? 1e6) / multipleOf);
    return fc
      .integer({ min: low, max: Math.max(low, high) })
      .map((k) => k * multipleOf)
      .filter((v) => numberFits(node, v));
  }
  if (node.int) {
    const low =
      min === undefined
        ? Number.MIN_SAFE_INTEGER
        : node.minExclusive
          ? Math.floor(min) + 1
          : Math.ceil(min);
    const high =
      max === undefined
        ? Number.MAX_SAFE_INTEGER
        : node.maxExclusive
          ? Math.ceil(max) - 1
          : Math.floor(max);
    return fc.integer({ min: low, max: high });
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(min === undefined ? {} : { min, minExcluded: node.minExclusive }),
    ...(max === undefined ? {} : { max, maxExcluded: node.maxExclusive }),
  });
}

/**
 * An arbitrary of values that a zod schema accepts, derived from the schema (strings within their
 * lengths and formats, numbers within bounds, every enum member, optional keys present or not).
 * Values a refinement would reject are filtered out.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import * as z from 'zod';
 * import { arbitraryPayload } from 'servicecraft/fast-check';
 *
 * const Reply = z.object({ at: z.number().int().nonnegative(), text: z.string().min(1).max(200) });
 * fc.assert(fc.property(arbitraryPayload(Reply), (payload) => Reply.safeParse(payload).success));
 * ```
 *
 * @param schema - A zod 4 schema.
 * @returns An arbitrary of the schema's input type.
 * @throws `UnsupportedSchemaError` (from `servicecraft/testing`) for schema types outside the supported set.
 * @category Testing
 */
export function arbitraryPayload<T extends Schema>(schema: T): fc.Arbitrary<z.input<T>> {
  const node = readSchema(schema);
  if (acceptsNothing(node)) throw new UnsupportedSchemaError('never', []);
  return arbitraryOf(node).filter((value) => accepts(schema, value)) as fc.Arbitrary<z.input<T>>;
}

/**
 * Options for the machine arbitraries.
 *
 * @category Testing
 */
export interface ArbitraryOptions<M extends AnyMachine> {
  /** Payloads to pick from per event type, instead of deriving them from the schemas. */
  readonly samples?: PayloadSamples<EventFrom<M>>;
  /** The most events in a sequence (default 20). */
  readonly maxLength?: number;
  /** The initial context input (valid sequences are checked from the initial snapshot). */
  readonly input?: unknown;
  /** The snapshot valid sequences start from, instead of the initial one. */
  readonly from?: SnapshotFrom<M>;
}

function payloadsFor<M extends AnyMachine>(
  machine: M,
  type: string,
  samples: PayloadSamples<EventFrom<M>> | undefined,
): fc.Arbitrary<object> {
  const given = (samples as Readonly<Record<string, readonly object[] | undefined>> | undefined)?.[
    type
  ];
  if (given !== undefined && given.length > 0) return fc.constantFrom(...given);
  const schema = machine.definition.events[type];
  return schema === null || schema === undefined
    ? fc.constant({})
    : (arbitraryPayload(schema) as fc.Arbitrary<object>);
}

/**
 * Whether an event type can be sent at all: it has samples, no payload, or a schema some value
 * passes (a framework without qualities has a `QUALITY` event whose schema accepts nothing).
 */
function sendable<M extends AnyMachine>(
  machine: M,
  type: string,
  samples: PayloadSamples<EventFrom<M>> | undefined,
): boolean {
  const given = (samples as Readonly<Record<string, readonly object[] | undefined>> | undefined)?.[
    type
  ];
  if (given !== undefined) return given.length > 0;
  const schema = machine.definition.events[type];
  return schema === null || schema === undefined || !acceptsNothing(readSchema(schema));
}

/**
 * An arbitrary of single events of a machine, each with a valid payload (whether the current state
 * accepts it is not considered).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { defineMachine } from 'servicecraft';
 * import { arbitraryEvent } from 'servicecraft/fast-check';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * fc.sample(arbitraryEvent(door), 2); // e.g. [{ type: 'CLOSE' }, { type: 'OPEN' }]
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Payload samples.
 * @returns An arbitrary of `{ type, ...payload }`.
 * @category Testing
 */
export function arbitraryEvent<M extends AnyMachine>(
  machine: M,
  options: Pick<ArbitraryOptions<M>, 'samples'> = {},
): fc.Arbitrary<EventFrom<M>> {
  checkMachine('arbitraryEvent', machine);
  checkOptions('arbitraryEvent', arbitraryOptions, options);
  const types = (machine.events as readonly string[]).filter((type) =>
    sendable(machine, type, options.samples),
  );
  return fc.oneof(
    ...types.map((type) =>
      payloadsFor(machine, type, options.samples).map((payload) => ({ ...payload, type })),
    ),
  ) as fc.Arbitrary<EventFrom<M>>;
}

/**
 * An arbitrary of event sequences the machine accepts from the start snapshot, guards included:
 * at each step one of the events the current state accepts (with a generated payload) is chosen,
 * and the sequence ends early when no event is accepted (a final state, or guards that all
 * refuse). Shrinks towards shorter sequences and earlier choices.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { defineMachine, replay } from 'servicecraft';
 * import { arbitraryValidSequence } from 'servicecraft/fast-check';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * fc.assert(fc.property(arbitraryValidSequence(door), (events) => replay(door, events).ok));
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Samples, `maxLength`, and the start (`input` or `from`).
 * @returns An arbitrary of accepted event lists.
 * @throws `UnsupportedSchemaError` (from `servicecraft/testing`) when a payload schema is unsupported and no samples are given.
 * @category Testing
 */
export function arbitraryValidSequence<M extends AnyMachine>(
  machine: M,
  options: ArbitraryOptions<M> = {},
): fc.Arbitrary<EventFrom<M>[]> {
  checkMachine('arbitraryValidSequence', machine);
  checkOptions('arbitraryValidSequence', arbitraryOptions, options);
  const graph = edgesByState(machine);
  const used = [...new Set([...graph.values()].flatMap((byEvent) => [...byEvent.keys()]))].filter(
    (type) => sendable(machine, type, options.samples),
  );
  const payloads = Object.fromEntries(
    used.map((type) => [type, payloadsFor(machine, type, options.samples)]),
  );
  const start = options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
  const step = fc.record({ pick: fc.nat(), payloads: fc.record(payloads) });
  return fc.array(step, { maxLength: options.maxLength ?? 20 }).map((choices) => {
    const events: EventFrom<M>[] = [];
    let snapshot = start;
    for (const choice of choices) {
      const accepted: { event: EventFrom<M>; next: SnapshotFrom<M> }[] = [];
      for (const type of graph.get(snapshot.state)?.keys() ?? []) {
        if (!(type in payloads)) continue;
        const event = { ...(choice.payloads[type] as object), type } as EventFrom<M>;
        const result = transition(machine, snapshot, event);
        if (result.ok) accepted.push({ event, next: result.snapshot as SnapshotFrom<M> });
      }
      const chosen = accepted[choice.pick % Math.max(1, accepted.length)];
      if (chosen === undefined) break;
      events.push(chosen.event);
      snapshot = chosen.next;
    }
    return events;
  });
}

/**
 * An arbitrary of event sequences that may be invalid anywhere: mostly well-formed events of the
 * machine (in any state), mixed with events carrying junk payloads, unknown event types and values
 * that are not events at all. Typed as events so the values can be fed to `transition`, which is
 * the point: the engine must refuse them cleanly.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { defineMachine, initialSnapshot, transition } from 'servicecraft';
 * import { arbitrarySequence } from 'servicecraft/fast-check';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * fc.assert(
 *   fc.property(arbitrarySequence(door), (events) => {
 *     let snapshot = initialSnapshot(door);
 *     for (const event of events) snapshot = transition(door, snapshot, event).snapshot;
 *     return ['closed', 'open'].includes(snapshot.state);
 *   }),
 * );
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param options - Samples and `maxLength`.
 * @returns An arbitrary of event lists, some entries invalid.
 * @category Testing
 */
export function arbitrarySequence<M extends AnyMachine>(
  machine: M,
  options: Pick<ArbitraryOptions<M>, 'samples' | 'maxLength'> = {},
): fc.Arbitrary<EventFrom<M>[]> {
  checkMachine('arbitrarySequence', machine);
  checkOptions('arbitrarySequence', arbitraryOptions, options);
  const types = machine.events as readonly string[];
  const junk = fc
    .tuple(
      fc.constantFrom(...types),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    )
    .map(([type, extra]) => ({ ...extra, type }));
  const unknown = fc
    .string({ maxLength: 12 })
    .filter((type) => !types.includes(type))
    .map((type) => ({ type }));
  const notAnEvent = fc.constantFrom<unknown>(null, undefined, 42, 'OPEN', [], {}, { type: 7 });
  const entry = fc.oneof(
    { weight: 6, arbitrary: arbitraryEvent(machine, options) as fc.Arbitrary<unknown> },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: unknown },
    { weight: 1, arbitrary: notAnEvent },
  );
  return fc.array(entry, { maxLength: options.maxLength ?? 20 }) as fc.Arbitrary<EventFrom<M>[]>;
}
