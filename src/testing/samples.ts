/**
 * Fixed, representative payloads derived from zod schemas, and the candidate events that path
 * generation tries on every edge. Deterministic: the same schema always gives the same samples.
 *
 * @module
 */
import type { AnyMachine, EventFrom, Schema } from '../core/index.js';
import type { EventLike } from './paths.js';
import { numberFits, readSchema, type SchemaNode, UnsupportedSchemaError } from './schema.js';

/** How many variants one node may contribute; keeps one-at-a-time combinations small. */
const perLeaf = 4;
const perNode = 24;

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
    case 'optional':
    case 'default': {
      // Left out comes right after the base value, so it is among the first variations tried.
      const [base, ...rest] = valuesOf(node.inner, path);
      return [base, undefined, ...rest];
    }
    case 'nullable': {
      const [base, ...rest] = valuesOf(node.inner, path);
      return [base, null, ...rest];
    }
    case 'array': {
      const [base] = valuesOf(node.element, [...path, '[]']);
      const length = Math.min(Math.max(node.min, 1), node.max ?? Number.POSITIVE_INFINITY);
      const empty = node.min === 0 ? [[]] : [];
      return unique([Array.from({ length }, () => base), ...empty], perLeaf);
    }
    case 'tuple':
      return oneAtATime(
        node.items.map((item, i) => [String(i), valuesOf(item, [...path, String(i)])] as const),
      ).map((record) => node.items.map((_, i) => record[String(i)]));
    case 'object':
      return oneAtATime(
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

/** The base combination, then one child varied at a time; `undefined` keys are left out. */
function oneAtATime(
  children: readonly (readonly [string, readonly unknown[]])[],
): Record<string, unknown>[] {
  const build = (pick: (key: string, values: readonly unknown[]) => unknown) => {
    const out: Record<string, unknown> = {};
    for (const [key, values] of children) {
      const value = pick(key, values);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  // Round-robin: every field's first variation before any field's second, so a cap on the
  // number of combinations never leaves the last fields of a large object unvaried.
  const combos = [build((_, values) => values[0])];
  const rounds = Math.max(...children.map(([, values]) => values.length), 1);
  for (let round = 1; round < rounds; round++) {
    for (const [varied, values] of children) {
      if (round < values.length) {
        combos.push(build((key, own) => (key === varied ? values[round] : own[0])));
      }
    }
  }
  return unique(combos, perNode);
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
  const values = valuesOf(readSchema(schema), []).filter(
    (value) => (schema as unknown as Checkable).safeParse(value).success,
  );
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
 * @internal Builds, per event type, the events to try: the user's samples when given, payloads
 * derived from the schema otherwise. Derivation is lazy so an unsupported schema only matters
 * for events that are actually tried.
 */
export function eventCandidates<M extends AnyMachine>(
  machine: M,
  samples: PayloadSamples<EventFrom<M>> | undefined,
): (type: string) => readonly EventFrom<M>[] {
  const cache = new Map<string, readonly EventFrom<M>[]>();
  const given = (samples ?? {}) as Readonly<Record<string, readonly object[] | undefined>>;
  return (type) => {
    let events = cache.get(type);
    if (events === undefined) {
      const schema = machine.definition.events[type];
      const payloads: readonly unknown[] =
        given[type] ?? (schema === null || schema === undefined ? [{}] : samplePayloads(schema));
      events = payloads.map((payload) => ({ ...(payload as object), type }) as EventFrom<M>);
      cache.set(type, events);
    }
    return events;
  };
}

/** Both zod and zod/mini schemas have `safeParse` at run time. */
interface Checkable {
  safeParse(value: unknown): { readonly success: boolean };
}
