/**
 * Compares two zod schemas by what they do: over values generated near the schema's shape (and
 * arbitrary junk), both must accept the same values with the same output, and reject the others
 * with the same issues (codes, paths and messages). Used to hold a schema rewritten for speed to a
 * copy of the one it replaces.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

type Def = { type?: string; [key: string]: unknown };
const defOf = (schema: unknown): Def =>
  ((schema as { _zod?: { def?: Def } })._zod?.def ?? {}) as Def;

const strings = fc.oneof(
  fc.constantFrom('', ' ', '  a  ', 'a', 'ana', '\u200b', 'x'.repeat(65), 'x'.repeat(201)),
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 190, maxLength: 2100 }),
  // Just under, at and over the length limits the schemas use.
  fc
    .tuple(
      fc.constantFrom(64, 100, 120, 200, 500, 2000),
      fc.constantFrom(-1, 0, 1),
      fc.constantFrom('x', ' ', 'é'),
    )
    .map(([n, d, c]) => c.repeat(n + d)),
);
const numbers = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, 2, 3, 4, 5, 10, 11, 20, 50, 100, 101, 365, 366, 1000),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15, Number.MAX_SAFE_INTEGER, 2 ** 53, Number.NaN),
  fc.constantFrom(Number.POSITIVE_INFINITY, 1e-9, 0.999, 1.001),
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ noNaN: false }),
);

/** Values close to what `schema` accepts, mixed with junk, to `depth` levels. */
export function nearValues(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const junk = fc.anything({ maxDepth: 1 });
  if (depth > 6) return junk;
  const inner = (key: string) => nearValues(def[key], depth + 1);
  let main: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'string':
      main = strings;
      break;
    case 'number':
      main = numbers;
      break;
    case 'boolean':
      main = fc.boolean();
      break;
    case 'null':
      main = fc.constant(null);
      break;
    case 'literal':
      main = fc.constantFrom(...(def.values as unknown[]), 'other');
      break;
    case 'enum':
      main = fc.constantFrom(...Object.values(def.entries as object), 'nope');
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      main = fc.oneof(fc.constantFrom(undefined, null), inner('innerType'), inner('innerType'));
      break;
    case 'pipe':
      main = inner('in');
      break;
    case 'lazy':
      main = nearValues((def.getter as () => unknown)(), depth + 1);
      break;
    case 'array':
      main = fc.oneof(
        fc.array(inner('element'), { maxLength: 4 }),
        fc.array(inner('element'), { minLength: 19, maxLength: 25 }),
      );
      break;
    case 'union':
      main = fc.oneof(...(def.options as unknown[]).map((o) => nearValues(o, depth + 1)));
      break;
    case 'record':
      main = fc.dictionary(
        fc.oneof(fc.constantFrom('', 'a', 'agent', '__proto__'), fc.string({ maxLength: 5 })),
        nearValues(def.valueType, depth + 1),
        { maxKeys: 4 },
      );
      break;
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) fields[key] = nearValues(value, depth + 1);
      main = fc
        .tuple(
          fc.record(fields, { requiredKeys: [] }),
          fc.record(fields),
          fc.option(fc.dictionary(fc.constantFrom('extra', 'x'), junk, { maxKeys: 1 })),
        )
        .chain(([some, all, extra]) =>
          fc.constantFrom({ ...all }, { ...some }, { ...all, ...(extra ?? {}) }),
        );
      break;
    }
    default:
      main = junk;
  }
  return fc.oneof({ arbitrary: main, weight: 6 }, { arbitrary: junk, weight: 1 });
}

/** What a schema answers for a value: the output, or the issues (code, path, message). */
export function verdict(schema: unknown, value: unknown): string {
  const r = (
    schema as {
      safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } };
    }
  ).safeParse(value);
  return r.success
    ? JSON.stringify({ ok: true, data: r.data ?? null })
    : JSON.stringify({ ok: false, issues: r.error?.issues });
}

/** Asserts that `now` answers every near value as `before` does (property, `runs` values). */
export function expectTwins(before: unknown, now: unknown, runs = 300): void {
  fc.assert(
    fc.property(nearValues(before), (value) => {
      expect(verdict(now, value)).toBe(verdict(before, value));
    }),
    { numRuns: runs },
  );
}
