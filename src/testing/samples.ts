/**
 * Fixed, representative payloads derived from zod schemas, and the candidate events that path
 * generation tries on every edge. Deterministic: the same schema always gives the same samples.
 *
 * @module
 */
import type { AnyMachine, EventFrom, Schema } from '../core/index.js';
import { accepts } from '../core/internal.js';
import type { EventLike } from './paths.js';
import {
  acceptsNothing,
  numberFits,
  readSchema,
  type SchemaNode,
  UnsupportedSchemaError,
} from './schema.js';

/** How many variants one node may contribute; keeps the combinations of an object small. */
const perLeaf = 4;
/** The most values one node (an object, a union) contributes. */
const perNode = 48;
/** How many values of one field take part in pairwise combinations; the rest appear once each. */
const perPair = 4;
/** How many values of one field appear once each, on the base combination. */
const perOnce = 12;

const formatSamples: Record<string, string> = {
  email: 'someone@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  url: 'https://example.com',
  datetime: '2024-01-01T00:00:00Z',
  date: '2024-01-01',
};

/** Ordinary strings tried against a regex: codes, words, digits. */
const regexGuesses = [
  'sample',
  'sample_text',
  'SAMPLE',
  'Sample',
  'a',
  'A',
  'x1',
  'abc-123',
  'ABC-12',
  '1',
  '0',
  '123',
  'sample text',
  'a.b',
];

/**
 * Strings tried against a refinement the generator cannot read: common codes (currencies,
 * countries, languages), identifiers, and ordinary text.
 */
const refinementGuesses = [
  'sample text',
  'sample',
  'EUR',
  'USD',
  'GBP',
  'JPY',
  'US',
  'GB',
  'en',
  'en-US',
  'a',
  'A',
  'x1',
  'abc-123',
  '1',
  '123',
  'someone@example.com',
  '00000000-0000-4000-8000-000000000000',
  'https://example.com',
  '2024-01-01T00:00:00Z',
  '2024-01-01',
];

/** Idempotency keys by name: `key`, or a name ending in `Key`. */
const isKeyField = (name: string) => name === 'key' || /Key$/.test(name);

const keyOf = (value: unknown) => String(JSON.stringify(value));
const unique = <T>(values: readonly T[], cap: number): T[] => {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const value of values) {
    const key = keyOf(value);
    if (!seen.has(key) && out.length < cap) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
};

const fitLength = (text: string, min: number, max: number | undefined) => {
  const padded = text.length < min ? text + 'x'.repeat(min - text.length) : text;
  return max === undefined ? padded : padded.slice(0, max);
};

/** Base value first, then up to a few variants that exercise other branches of guards. */
function valuesOf(node: SchemaNode, path: readonly string[]): unknown[] {
  switch (node.kind) {
    case 'string': {
      if (node.pattern) {
        // No regex inversion here: try a few ordinary strings and keep those the pattern accepts.
        const { pattern, min, max } = node;
        const fits = (text: string) =>
          text.length >= min && (max === undefined || text.length <= max);
        const found = regexGuesses.filter(
          (text) =>
            fits(text) && new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text),
        );
        if (found.length === 0) throw new UnsupportedSchemaError('string format regex', path);
        return found.slice(0, 2);
      }
      const formatted = node.format === undefined ? undefined : formatSamples[node.format];
      if (formatted !== undefined) return [formatted];
      return unique(
        [fitLength('sample text', node.min, node.max), fitLength('a', node.min, node.max)],
        perLeaf,
      );
    }
    case 'number':
      return numbersFor(node, path);
    case 'boolean':
      return [true, false];
    case 'literal':
      return node.values.slice(0, perLeaf);
    case 'optional': {
      // Left out comes right after the base value, so it is among the first variations tried.
      const [base, ...rest] = valuesOf(node.inner, path);
      return base === undefined ? [undefined] : [base, undefined, ...rest];
    }
    case 'default':
      // Left out (the default applies) is the ordinary case; every other value is a variation,
      // so a `z.boolean().default(false)` is tried as false (left out) and as true.
      return [undefined, ...valuesOf(node.inner, path)];
    case 'never':
      return [];
    case 'refined': {
      const guesses = leafKind(node.inner) === 'string' ? refinementGuesses : [];
      let inner: unknown[] = [];
      try {
        inner = valuesOf(node.inner, path);
      } catch (error) {
        if (!(error instanceof UnsupportedSchemaError)) throw error;
      }
      return unique(
        [...inner, ...guesses].filter((value) => accepts(node.schema, value)),
        perLeaf,
      );
    }
    case 'nullable': {
      const [base, ...rest] = valuesOf(node.inner, path);
      return [base, null, ...rest];
    }
    case 'array': {
      const elements = valuesOf(node.element, [...path, '[]']);
      const empty = node.min === 0 ? [[]] : [];
      if (elements.length === 0) return empty;
      const length = Math.min(Math.max(node.min, 1), node.max ?? Number.POSITIVE_INFINITY);
      return unique([Array.from({ length }, () => elements[0]), ...empty], perLeaf);
    }
    case 'tuple':
      return combine(
        node.items.map(
          (item, i) => [String(i), valuesOf(item, [...path, String(i)]), pairWidth(item)] as const,
        ),
      ).map((record) => node.items.map((_, i) => record[String(i)]));
    case 'object':
      return combine(
        node.shape.map(([key, child]) => {
          const values = valuesOf(child, [...path, key]);
          // The event's time and its idempotency keys are fitted to each path (see
          // eventCandidates), so variants of them would only repeat the same event.
          const fixed = path.length === 0 && (key === 'at' || isKeyField(key));
          return [key, fixed ? values.slice(0, 1) : values, fixed ? 1 : pairWidth(child)] as const;
        }),
      );
    case 'record':
      return [{}];
    case 'union': {
      // Round robin over the options: every option's base value comes before any option's
      // variants, so a cap never hides a whole branch (a closure kind, a trigger kind).
      const lists = node.options.map((option) => valuesOf(option, path));
      const longest = Math.max(0, ...lists.map((list) => list.length));
      const mixed: unknown[] = [];
      for (let i = 0; i < longest; i++)
        for (const list of lists) if (i < list.length) mixed.push(list[i]);
      return unique(mixed, perNode);
    }
    case 'unknown':
      return [null];
  }
}

/** The kind under wrappers that keep a value's type (optional, nullable, default). */
function leafKind(node: SchemaNode): SchemaNode['kind'] {
  return node.kind === 'optional' || node.kind === 'nullable' || node.kind === 'default'
    ? leafKind(node.inner)
    : node.kind;
}

/** Whether a node is a string under its wrappers and refinements. */
function textLeaf(node: SchemaNode): boolean {
  if (node.kind === 'string') return true;
  if (node.kind === 'optional' || node.kind === 'nullable' || node.kind === 'default')
    return textLeaf(node.inner);
  return node.kind === 'refined' && textLeaf(node.inner);
}

function numbersFor(
  node: Extract<SchemaNode, { kind: 'number' }>,
  path: readonly string[],
): number[] {
  const { min, max, multipleOf } = node;
  // Boundaries first (guards often compare against them), then ordinary values. Bounds that only
  // come from an integer format (safe integers, int32) are not worth a sample of their own.
  const near = (bound: number | undefined) => bound !== undefined && Math.abs(bound) < 1e9;
  const raw: number[] = [];
  if (near(min)) raw.push(min as number);
  if (near(max)) raw.push(max as number);
  if (near(min)) raw.push(Math.floor(min as number) + 1);
  if (near(max)) raw.push(Math.ceil(max as number) - 1);
  if (near(min) && near(max))
    raw.push(
      ((min as number) + (max as number)) / 2,
      Math.round(((min as number) + (max as number)) / 2),
    );
  if (near(min)) raw.push((min as number) + 0.5);
  // A large value too when nothing caps it near: amounts over a limit, counts over a threshold.
  if (!near(max)) raw.push(0, 1, 1_000_000, 10, 100, 1000);
  else raw.push(0, 1, 10, 100, 1000);
  if (min !== undefined) raw.push(min, Math.floor(min) + 1);
  if (max !== undefined) raw.push(max, Math.ceil(max) - 1);
  if (multipleOf !== undefined) {
    const from = min ?? 0;
    raw.unshift(
      Math.ceil(from / multipleOf) * multipleOf,
      (Math.floor(from / multipleOf) + 1) * multipleOf,
    );
  }
  const found = unique(
    raw.filter((value) => numberFits(node, value)),
    3,
  );
  if (found.length === 0) throw new UnsupportedSchemaError('number with these bounds', path);
  return found;
}

/**
 * How many values of a field take part in pairwise combinations: text (refined or not) takes two,
 * so a rule that compares two names (an approver who is not the proposer) meets equal and
 * different ones with every value of the other fields, plus absent when it can be left out; its
 * other values appear once each, as text rarely steers a rule. Every other field (booleans,
 * enums, numbers, unions, nested objects) takes up to {@link perPair}.
 */
function pairWidth(node: SchemaNode): number {
  if (!textLeaf(node)) return perPair;
  return node.kind === 'optional' || node.kind === 'nullable' || node.kind === 'default' ? 3 : 2;
}

/**
 * Combinations of the children's values: the base combination first, then each value of each
 * child once (on the base combination; at most {@link perOnce} per child), then enough rows that
 * every pair of values of two different children (within each child's pair width) appears together
 * at least once (pairwise, built greedily, so a rule that needs two fields changed is reached). At
 * most {@link perNode} rows. `undefined` keys are left out. A child with no value makes no
 * combination.
 */
function combine(
  children: readonly (readonly [string, readonly unknown[], number])[],
): Record<string, unknown>[] {
  if (children.some(([, values]) => values.length === 0)) return [];
  const build = (row: readonly number[]) => {
    const out: Record<string, unknown> = {};
    children.forEach(([key, values], i) => {
      const value = values[row[i] ?? 0];
      if (value !== undefined) out[key] = value;
    });
    return out;
  };
  const sizes = children.map(([, values, width]) => Math.min(values.length, width));
  const pairKey = (i: number, a: number, j: number, b: number) => `${i}:${a}/${j}:${b}`;
  const missing = new Set<string>();
  for (let i = 0; i < sizes.length; i++)
    for (let j = i + 1; j < sizes.length; j++)
      for (let a = 0; a < (sizes[i] as number); a++)
        for (let b = 0; b < (sizes[j] as number); b++) missing.add(pairKey(i, a, j, b));
  const rows: number[][] = [];
  const add = (row: number[]) => {
    rows.push(row);
    for (let i = 0; i < row.length; i++)
      for (let j = i + 1; j < row.length; j++)
        missing.delete(pairKey(i, row[i] as number, j, row[j] as number));
  };
  add(sizes.map(() => 0));
  // Every value once, on the base combination: one changed field reaches most branches.
  children.forEach(([, values], i) => {
    for (let v = 1; v < Math.min(values.length, perOnce); v++) {
      const row = sizes.map(() => 0);
      row[i] = v;
      add(row);
    }
  });
  while (missing.size > 0 && rows.length < perNode) {
    // Seed the row with the first missing pair, then pick each other value greedily.
    const [seed] = missing;
    const [left, right] = (seed as string).split('/');
    const [i, a] = (left as string).split(':').map(Number) as [number, number];
    const [j, b] = (right as string).split(':').map(Number) as [number, number];
    const row = sizes.map(() => -1);
    row[i] = a;
    row[j] = b;
    for (let k = 0; k < sizes.length; k++) {
      if (row[k] !== -1) continue;
      let best = 0;
      let bestGain = -1;
      for (let v = 0; v < (sizes[k] as number); v++) {
        let gain = 0;
        for (let m = 0; m < sizes.length; m++) {
          const other = row[m] as number;
          if (m === k || other === -1) continue;
          if (missing.has(m < k ? pairKey(m, other, k, v) : pairKey(k, v, m, other))) gain++;
        }
        if (gain > bestGain) {
          best = v;
          bestGain = gain;
        }
      }
      row[k] = best;
    }
    add(row);
  }
  return unique(rows.map(build), perNode);
}

/**
 * Derives a few representative payloads from a zod schema: a base value first, then each value of
 * each field once (both booleans, every enum member, boundaries of numbers and a large number,
 * every branch of a union, optional fields left out), then combinations in which every pair of
 * values of two fields appears together (pairwise). Every value returned passes the schema. At the
 * top level, `at` and idempotency keys (`key`, `…Key`) keep one value: path generation fits them
 * to each step.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { samplePayloads } from 'servicecraft/testing';
 *
 * samplePayloads(z.object({ score: z.number().int().min(0).max(10), urgent: z.boolean() }));
 * // [{ score: 0, urgent: true }, { score: 10, urgent: true }, { score: 1, urgent: true },
 * //  { score: 0, urgent: false }, { score: 10, urgent: false }, { score: 1, urgent: false }]
 * ```
 *
 * @param schema - A zod 4 schema.
 * @returns At least one value that `schema.safeParse` accepts.
 * @throws {@link UnsupportedSchemaError} for schema types the generator does not understand, or
 *   when no derived value passes (a refinement the generator cannot see).
 * @category Testing
 */
export function samplePayloads(schema: Schema): unknown[] {
  const node = readSchema(schema);
  if (acceptsNothing(node)) throw new UnsupportedSchemaError('never', []);
  const values = valuesOf(node, []).filter((value) => accepts(schema, value));
  if (values.length === 0) throw new UnsupportedSchemaError('refinement', []);
  return values;
}

/**
 * Example payloads per event type, keyed by the event's `type`; each payload is the event without
 * its `type`. Used instead of payloads derived from the schemas.
 *
 * An entry is either a list of payloads, sent as written, or a function of the current snapshot
 * that returns the payloads to try there ({@link SampleFunction}): a payload that must name
 * something the context holds (an order id, a lot id, a tier) is read from the snapshot, and a
 * fresh idempotency key can use `snapshot.revision`. Path generation calls the function at every
 * step; the arbitraries of `servicecraft/fast-check` call it with the snapshot of each step of a
 * valid sequence, and with the start snapshot where no sequence is built.
 *
 * @example
 * ```ts
 * import type { PayloadSamples } from 'servicecraft/testing';
 *
 * type TicketEvent = { type: 'REPLY'; text: string } | { type: 'CLOSE'; reply: number };
 * type Ticket = { state: string; revision: number; context: { replies: number } };
 * const samples: PayloadSamples<TicketEvent, Ticket> = {
 *   REPLY: [{ text: 'hello' }, { text: 'thanks' }],
 *   CLOSE: (snapshot) => [{ reply: snapshot.context.replies }],
 * };
 * ```
 *
 * @typeParam Ev - The machine's events.
 * @typeParam Snap - The snapshot a sample function receives (the machine's snapshot type in
 *   `PathOptions<M>` and `ArbitraryOptions<M>`).
 * @category Testing
 */
export type PayloadSamples<Ev extends EventLike, Snap = SnapshotLike> = {
  readonly [K in Ev['type']]?:
    | readonly Omit<Extract<Ev, Readonly<Record<'type', K>>>, 'type'>[]
    | SampleFunction<Omit<Extract<Ev, Readonly<Record<'type', K>>>, 'type'>, Snap>;
};

/**
 * Payloads computed from the current snapshot (see {@link PayloadSamples}). Return an empty list
 * where the event should not be tried. It must not change the snapshot.
 *
 * @example
 * ```ts
 * import type { SampleFunction } from 'servicecraft/testing';
 *
 * type Member = { revision: number; context: { orders: { id: string }[] } };
 * // Refund each held order, with a key no earlier command used.
 * const refunds: SampleFunction<{ key: string; order: string; amount: number }, Member> = (snapshot) =>
 *   snapshot.context.orders.map((o) => ({ key: `refund-${snapshot.revision}`, order: o.id, amount: 100 }));
 * ```
 *
 * @category Testing
 */
export type SampleFunction<P, Snap = SnapshotLike> = (snapshot: Snap) => readonly P[];

/**
 * The parts of a snapshot a {@link SampleFunction} can count on when no machine type is known.
 *
 * @category Testing
 */
export interface SnapshotLike {
  /** The current state. */
  readonly state: string;
  /** The current context. */
  readonly context: unknown;
  /** How many events the snapshot has accepted. */
  readonly revision: number;
}

/**
 * @internal Where in a path an event is sent: how many events came before it (`depth`) and the
 * latest `at` among them (`clock`).
 */
export interface PathPosition {
  readonly depth: number;
  readonly clock: number | undefined;
  /** The latest event of a type sent earlier on the path, if any (tried again as a retry). */
  readonly earlier?: (type: string) => object | undefined;
  /** The snapshot the event is sent to (sample functions and context references read it). */
  readonly snapshot?: SnapshotLike;
}

const minute = 60_000;
const day = 86_400_000;
/** Extra time steps tried with the base payload: a day, a month, a year (deadlines, periods). */
const laterSteps = [day, 32 * day, 366 * day];
/** How many values one field takes from the context (the latest ones). */
const perReference = 3;

/** @internal The `at` of an event, when it has a numeric one. */
export const timeOf = (event: unknown): number | undefined => {
  const at = (event as { at?: unknown } | undefined)?.at;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
};

type Given = Readonly<Record<string, readonly object[] | SampleFunction<object> | undefined>>;

/**
 * @internal Builds, per event type, the events to try: the user's samples when given (sent as
 * written; a sample function is called with the position's snapshot), payloads derived from the
 * schema otherwise. Derivation is lazy so an unsupported schema only matters for events that are
 * actually tried, and an event whose schema accepts no value (a `z.never()` field) has no
 * candidates at all. Derived payloads are fitted to their place in a path: idempotency keys
 * (`key`, `...Key`) are made unique per step, `at` moves forward from the path's latest `at` (a
 * minute, and with the base payload also a day, a month and a year), and a field that names
 * something the context holds takes those values too ({@link contextReferences}), so commands are
 * neither retries nor out of order, and can name the order, lot or tier the snapshot has.
 * With `few`, only the base payload (at each time step), the context values and the retry are
 * derived: enough to carry a path on through a transition already taken.
 */
export function eventCandidates<M extends AnyMachine>(
  machine: M,
  samples: PayloadSamples<EventFrom<M>, never> | undefined,
): (type: string, position?: PathPosition, few?: boolean) => readonly EventFrom<M>[] {
  const cache = new Map<string, { events: readonly EventFrom<M>[]; derived: boolean }>();
  const given = (samples ?? {}) as unknown as Given;
  const base = (type: string) => {
    let entry = cache.get(type);
    if (entry === undefined) {
      const schema = machine.definition.events[type];
      const own = given[type];
      const payloads: readonly unknown[] =
        typeof own === 'function'
          ? []
          : (own ??
            (schema === null || schema === undefined
              ? [{}]
              : acceptsNothing(readSchema(schema))
                ? []
                : samplePayloads(schema)));
      entry = {
        events: payloads.map((payload) => ({ ...(payload as object), type }) as EventFrom<M>),
        derived: own === undefined && schema !== null && schema !== undefined,
      };
      cache.set(type, entry);
    }
    return entry;
  };
  return (type, position, few = false) => {
    const own = given[type];
    if (typeof own === 'function') {
      // Without a snapshot (the check for events that can never be sent) a function counts as
      // able to send something; on a path it is asked at every step.
      if (position?.snapshot === undefined) return [{ type } as EventFrom<M>];
      return own(position.snapshot).map((payload) => ({ ...payload, type }) as EventFrom<M>);
    }
    const { events, derived } = base(type);
    if (!derived || position === undefined) return events;
    const schema = machine.definition.events[type];
    const fitted: EventFrom<M>[] = [];
    const place = (event: EventFrom<M>, steps: readonly number[]) => {
      for (const step of steps) {
        const next = fitToPath(event, position, step);
        if (next === event) {
          if (step === minute) fitted.push(event);
          continue;
        }
        const { type: _, ...payload } = next as EventLike;
        if (accepts(schema, payload)) fitted.push(next);
        else if (step === minute) fitted.push(event);
      }
    };
    (few ? events.slice(0, 1) : events).forEach((event, index) => {
      place(event, index === 0 ? [minute, ...laterSteps] : [minute]);
    });
    // The first payloads again with each value the context holds under a field's name.
    for (const first of position.snapshot === undefined ? [] : events.slice(0, perReference)) {
      for (const [field, value] of Object.entries(first)) {
        if (field === 'type' || field === 'at' || isKeyField(field)) continue;
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        for (const found of contextReferences(position.snapshot?.context, field)) {
          if (typeof found !== typeof value || found === value) continue;
          const event = { ...first, [field]: found } as EventFrom<M>;
          const { type: _, ...payload } = event as EventLike;
          if (accepts(schema, payload)) place(event, [minute]);
        }
      }
    }
    // Sending an earlier command again, unchanged, is how a retry looks: some transitions
    // (accepting a retry while paused) are taken only by one.
    const retry = position.earlier?.(type);
    if (retry !== undefined) fitted.push(retry as EventFrom<M>);
    return unique(fitted, Number.POSITIVE_INFINITY);
  };
}

/**
 * @internal The values a context holds for an event field named `field`: every string or number
 * stored under the key `field` (at any depth, e.g. `tier`, `floor.tier`, `lots[].order`), and the
 * elements (or the elements' `id`) of a list stored under the plural (`orders[].id` for `order`,
 * `lots[].id` for `lot`). The latest {@link perReference} of each kind, most recent first, without
 * repeats. This is how derived payloads name an order that was bought, a lot that is live or a
 * tier on the ladder, with no samples written by hand.
 */
export function contextReferences(context: unknown, field: string): unknown[] {
  const named: unknown[] = [];
  const listed: unknown[] = [];
  const plural = new Set([`${field}s`, `${field}es`]);
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === field && scalar(child)) named.push(child);
      if (plural.has(key) && Array.isArray(child)) {
        for (const item of child) {
          const id = scalar(item) ? item : (item as { id?: unknown } | null)?.id;
          if (scalar(id)) listed.push(id);
        }
      }
      walk(child, depth + 1);
    }
  };
  walk(context, 0);
  const latest = (values: unknown[]) => unique([...values].reverse(), perReference);
  return unique([...latest(listed), ...latest(named)], 2 * perReference);
}

/** A derived event fitted to its place in a path (unique keys, `at` moving forward). */
function fitToPath<E extends object>(event: E, position: PathPosition, step: number): E {
  let changed = false;
  const out: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  for (const [name, value] of Object.entries(event)) {
    if (typeof value === 'string' && isKeyField(name)) {
      out[name] = `${value}-${position.depth + 1}`;
      changed = true;
    }
  }
  const at = timeOf(event);
  if (at !== undefined) {
    out.at = Math.max(at, position.clock ?? at) + step;
    changed = true;
  }
  return changed ? (out as E) : event;
}
