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
const perNode = 32;
/** How many values of one field take part in pairwise combinations; the rest appear once each. */
const perPair = 4;

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
        node.items.map((item, i) => [String(i), valuesOf(item, [...path, String(i)])] as const),
      ).map((record) => node.items.map((_, i) => record[String(i)]));
    case 'object':
      return combine(
        node.shape.map(([key, child]) => [key, valuesOf(child, [...path, key])] as const),
      );
    case 'record':
      return [{}];
    case 'union':
      return unique(
        node.options.flatMap((option) => valuesOf(option, path)),
        perNode,
      );
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
  raw.push(0, 1, 10, 100, 1000);
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
 * Combinations of the children's values: the base combination first, then enough rows that every
 * pair of values of two different children appears together at least once (pairwise, built
 * greedily, so a rule that needs two fields changed is reached), then any value left out of the
 * pairing once each. `undefined` keys are left out. A child with no value makes no combination.
 */
function combine(
  children: readonly (readonly [string, readonly unknown[]])[],
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
  const sizes = children.map(([, values]) => Math.min(values.length, perPair));
  const pairKey = (i: number, a: number, j: number, b: number) => `${i}:${a}/${j}:${b}`;
  const missing = new Set<string>();
  for (let i = 0; i < sizes.length; i++)
    for (let j = i + 1; j < sizes.length; j++)
      for (let a = 0; a < (sizes[i] as number); a++)
        for (let b = 0; b < (sizes[j] as number); b++) missing.add(pairKey(i, a, j, b));
  const cover = (row: readonly number[]) => {
    for (let i = 0; i < row.length; i++)
      for (let j = i + 1; j < row.length; j++)
        missing.delete(pairKey(i, row[i] as number, j, row[j] as number));
  };
  const rows: number[][] = [sizes.map(() => 0)];
  cover(rows[0] as number[]);
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
    rows.push(row);
    cover(row);
  }
  // Every value at least once (a lone field has no pairs), on the base combination; values past
  // the pairing budget come here too.
  children.forEach(([, values], i) => {
    for (let v = 0; v < values.length; v++) {
      if (rows.some((row) => row[i] === v)) continue;
      const row = sizes.map(() => 0);
      row[i] = v;
      rows.push(row);
    }
  });
  return unique(rows.map(build), perNode);
}

/**
 * Derives a few representative payloads from a zod schema: a base value first, then variants that
 * change one field at a time (both booleans, every enum member, boundaries of numbers and string
 * lengths, optional fields left out), every field once before any field twice. Every value
 * returned passes the schema.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { samplePayloads } from 'servicecraft/testing';
 *
 * samplePayloads(z.object({ score: z.number().int().min(0).max(10), urgent: z.boolean() }));
 * // [{ score: 0, urgent: true }, { score: 10, urgent: true }, { score: 0, urgent: false },
 * //  { score: 1, urgent: true }]
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
 * @example
 * ```ts
 * import type { PayloadSamples } from 'servicecraft/testing';
 *
 * type TicketEvent = { type: 'REPLY'; text: string } | { type: 'SOLVE' };
 * const samples: PayloadSamples<TicketEvent> = { REPLY: [{ text: 'hello' }, { text: 'thanks' }] };
 * ```
 *
 * @category Testing
 */
export type PayloadSamples<Ev extends EventLike> = {
  readonly [K in Ev['type']]?: readonly Omit<Extract<Ev, Readonly<Record<'type', K>>>, 'type'>[];
};

/**
 * @internal Where in a path an event is sent: how many events came before it (`depth`) and the
 * latest `at` among them (`clock`).
 */
export interface PathPosition {
  readonly depth: number;
  readonly clock: number | undefined;
  /** The latest event of a type sent earlier on the path, if any (tried again as a retry). */
  readonly earlier?: (type: string) => object | undefined;
}

const minute = 60_000;
const day = 86_400_000;
/** Extra time steps tried with the base payload: a day, a month, a year (deadlines, periods). */
const laterSteps = [day, 32 * day, 366 * day];
const isKeyField = (name: string) => name === 'key' || /Key$/.test(name);

/** @internal The `at` of an event, when it has a numeric one. */
export const timeOf = (event: unknown): number | undefined => {
  const at = (event as { at?: unknown } | undefined)?.at;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
};

/**
 * @internal Builds, per event type, the events to try: the user's samples when given (sent as
 * written), payloads derived from the schema otherwise. Derivation is lazy so an unsupported
 * schema only matters for events that are actually tried, and an event whose schema accepts no
 * value (a `z.never()` field) has no candidates at all. Derived payloads are fitted to their
 * place in a path: idempotency keys (`key`, `...Key`) are made unique per step, and `at` moves
 * forward from the path's latest `at` (a minute, and with the base payload also a day, a month
 * and a year), so commands are neither retries nor out of order.
 */
export function eventCandidates<M extends AnyMachine>(
  machine: M,
  samples: PayloadSamples<EventFrom<M>> | undefined,
): (type: string, position?: PathPosition) => readonly EventFrom<M>[] {
  const cache = new Map<string, { events: readonly EventFrom<M>[]; derived: boolean }>();
  const given = (samples ?? {}) as Readonly<Record<string, readonly object[] | undefined>>;
  const base = (type: string) => {
    let entry = cache.get(type);
    if (entry === undefined) {
      const schema = machine.definition.events[type];
      const own = given[type];
      const payloads: readonly unknown[] =
        own ??
        (schema === null || schema === undefined
          ? [{}]
          : acceptsNothing(readSchema(schema))
            ? []
            : samplePayloads(schema));
      entry = {
        events: payloads.map((payload) => ({ ...(payload as object), type }) as EventFrom<M>),
        derived: own === undefined && schema !== null && schema !== undefined,
      };
      cache.set(type, entry);
    }
    return entry;
  };
  return (type, position) => {
    const { events, derived } = base(type);
    if (!derived || position === undefined) return events;
    const schema = machine.definition.events[type];
    const fitted: EventFrom<M>[] = [];
    events.forEach((event, index) => {
      const steps = index === 0 ? [minute, ...laterSteps] : [minute];
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
    });
    // Sending an earlier command again, unchanged, is how a retry looks: some transitions
    // (accepting a retry while paused) are taken only by one.
    const retry = position.earlier?.(type);
    if (retry !== undefined) fitted.push(retry as EventFrom<M>);
    return unique(fitted, Number.POSITIVE_INFINITY);
  };
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
