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

function arbitraryOf(node: SchemaNode, path: readonly string[]): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'string':
      return stringArbitrary(node);
    case 'number':
      return numberArbitrary(node, path);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...node.values);
    case 'optional':
    case 'default':
      return fc.option(arbitraryOf(node.inner, path), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryOf(node.inner, path), { nil: null });
    case 'array':
      return fc.array(arbitraryOf(node.element, [...path, '[]']), {
        minLength: node.min,
        maxLength: Math.min(node.max ?? node.min + 5, node.min + 5),
      });
    case 'tuple':
      return fc.tuple(...node.items.map((item, i) => arbitraryOf(item, [...path, String(i)])));
    case 'object': {
      const model = Object.fromEntries(
        node.shape.map(([key, child]) => [key, arbitraryOf(child, [...path, key])]),
      );
      const requiredKeys = node.shape.filter(
        ([, child]) => child.kind !== 'optional' && child.kind !== 'default',
      );
      return fc.record(model, { requiredKeys: requiredKeys.map(([key]) => key) });
    }
    case 'record':
      return fc.dictionary(
        arbitraryOf(node.key, path) as fc.Arbitrary<string>,
        arbitraryOf(node.value, [...path, '*']),
        { maxKeys: 5 },
      );
    case 'union':
      return fc.oneof(...node.options.map((option) => arbitraryOf(option, path)));
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'never':
      // Only reached where leaving the value out is allowed (an optional never).
      return fc.constant(undefined);
    case 'refined': {
      // Values a refinement keeps can be rare among random ones (a currency code among random
      // strings): mix in values known to pass, and replace a random value that fails by one of
      // them, so generation never waits for a lucky draw.
      const random = arbitraryOf(node.inner, path);
      const known = passing(node.schema, random, path);
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...known) },
        { weight: 2, arbitrary: keepValid(random, node.schema, known) },
      );
    }
  }
}

/** How many random values are tried, once, when no derived sample passes a schema. */
const searchRuns = 200;

/**
 * Values `schema` accepts, found before any property runs: the derived samples, else the passing
 * ones among {@link searchRuns} values of `random` drawn with a fixed seed.
 *
 * @throws {@link UnsupportedSchemaError} when none is found: a refinement that rare values pass
 *   needs samples.
 */
function passing(schema: Schema, random: fc.Arbitrary<unknown>, path: readonly string[]) {
  try {
    return samplePayloads(schema);
  } catch (error) {
    if (!(error instanceof UnsupportedSchemaError)) throw error;
  }
  const found = fc
    .sample(random, { numRuns: searchRuns, seed: 17 })
    .filter((value) => accepts(schema, value));
  if (found.length === 0) throw new UnsupportedSchemaError('refinement', path);
  return found;
}

/**
 * `arbitrary`, with each value `schema` rejects replaced by one of `known` (all accepted): valid
 * by construction, with no filter that could retry forever.
 */
function keepValid(
  arbitrary: fc.Arbitrary<unknown>,
  schema: Schema,
  known: readonly unknown[],
): fc.Arbitrary<unknown> {
  return fc
    .tuple(arbitrary, fc.nat())
    .map(([value, pick]) => (accepts(schema, value) ? value : known[pick % known.length]));
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

function numberArbitrary(
  node: Extract<SchemaNode, { kind: 'number' }>,
  path: readonly string[],
): fc.Arbitrary<number> {
  const { min, max, multipleOf } = node;
  if (multipleOf !== undefined) {
    // The multiples within the bounds, by construction.
    let low = Math.ceil((min ?? -1e6) / multipleOf);
    let high = Math.floor((max ?? 1e6) / multipleOf);
    if (!numberFits(node, low * multipleOf)) low++;
    if (!numberFits(node, high * multipleOf)) high--;
    if (high < low || !numberFits(node, low * multipleOf))
      throw new UnsupportedSchemaError('number with these bounds', path);
    return fc.integer({ min: low, max: high }).map((k) => k * multipleOf);
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
 * Valid by construction: a value a refinement rejects is replaced by one known to pass (a derived
 * sample), so generation never waits for a lucky draw and never hangs.
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
 * @throws `UnsupportedSchemaError` (from `servicecraft/testing`) for schema types outside the
 *   supported set, and for a refinement that neither a derived sample nor 200 random values pass.
 * @category Testing
 */
export function arbitraryPayload<T extends Schema>(schema: T): fc.Arbitrary<z.input<T>> {
  const node = readSchema(schema);
  if (acceptsNothing(node)) throw new UnsupportedSchemaError('never', []);
  const random = arbitraryOf(node, []);
  return keepValid(random, schema, passing(schema, random, [])) as fc.Arbitrary<z.input<T>>;
}

/**
 * Options for the machine arbitraries.
 *
 * @category Testing
 */
export interface ArbitraryOptions<M extends AnyMachine> {
  /**
   * Payloads to pick from per event type, instead of deriving them from the schemas: a list, or a
   * function of the snapshot (see `PayloadSamples` in `servicecraft/testing`). Valid sequences call
   * a function with the snapshot of each step; `arbitraryEvent` and `arbitrarySequence`, which
   * follow no snapshot, call it once with the start snapshot.
   */
  readonly samples?: PayloadSamples<EventFrom<M>, SnapshotFrom<M>>;
  /** The most events in a sequence (default 20). */
  readonly maxLength?: number;
  /** The initial context input (valid sequences are checked from the initial snapshot). */
  readonly input?: unknown;
  /** The snapshot valid sequences start from, instead of the initial one. */
  readonly from?: SnapshotFrom<M>;
}

type Given = Readonly<
  Record<string, readonly object[] | ((snapshot: never) => readonly object[]) | undefined>
>;

/** The samples given for a type: a list, a function's list at `snapshot`, or none. */
function givenFor(
  samples: unknown,
  type: string,
  snapshot: () => unknown,
): readonly object[] | undefined {
  const given = (samples as Given | undefined)?.[type];
  return typeof given === 'function' ? given(snapshot() as never) : given;
}

function payloadsFor<M extends AnyMachine>(
  machine: M,
  type: string,
  samples: ArbitraryOptions<M>['samples'],
  snapshot: () => SnapshotFrom<M>,
): fc.Arbitrary<object> {
  const given = givenFor(samples, type, snapshot);
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
  samples: ArbitraryOptions<M>['samples'],
  snapshot: () => SnapshotFrom<M>,
): boolean {
  const given = givenFor(samples, type, snapshot);
  if (given !== undefined) return given.length > 0;
  const schema = machine.definition.events[type];
  return schema === null || schema === undefined || !acceptsNothing(readSchema(schema));
}

/** The start snapshot, made once and only when a sample function asks for it. */
function startOf<M extends AnyMachine>(
  machine: M,
  options: Pick<ArbitraryOptions<M>, 'from' | 'input'>,
): () => SnapshotFrom<M> {
  let start: SnapshotFrom<M> | undefined;
  return () => {
    start ??= options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
    return start;
  };
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
  const start = startOf(machine, {});
  const types = (machine.events as readonly string[]).filter((type) =>
    sendable(machine, type, options.samples, start),
  );
  return fc.oneof(
    ...types.map((type) =>
      payloadsFor(machine, type, options.samples, start).map((payload) => ({ ...payload, type })),
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
  const given = (options.samples ?? {}) as Given;
  const computed = (type: string) => typeof given[type] === 'function';
  const start = options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
  const used = [...new Set([...graph.values()].flatMap((byEvent) => [...byEvent.keys()]))].filter(
    (type) => computed(type) || sendable(machine, type, options.samples, () => start),
  );
  // A type whose samples are a function gets an index here; its payloads are asked for at the
  // snapshot each step is sent to.
  const payloads = Object.fromEntries(
    used.map((type) => [
      type,
      computed(type) ? fc.nat() : payloadsFor(machine, type, options.samples, () => start),
    ]),
  );
  const step = fc.record({ pick: fc.nat(), payloads: fc.record(payloads) });
  return fc.array(step, { maxLength: options.maxLength ?? 20 }).map((choices) => {
    const events: EventFrom<M>[] = [];
    let snapshot = start;
    for (const choice of choices) {
      const accepted: { event: EventFrom<M>; next: SnapshotFrom<M> }[] = [];
      for (const type of graph.get(snapshot.state)?.keys() ?? []) {
        if (!(type in payloads)) continue;
        let payload = choice.payloads[type] as object | undefined;
        if (computed(type)) {
          const list = givenFor(given, type, () => snapshot) ?? [];
          payload = list[(payload as unknown as number) % Math.max(1, list.length)];
        }
        if (payload === undefined) continue;
        const event = { ...payload, type } as EventFrom<M>;
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
