/**
 * @internal A fast path in front of zod for the common shapes of contexts and payloads.
 *
 * `quickCheck(schema)` reads a schema's definition (`schema._zod.def`, the part of zod 4's core
 * that zod documents for library authors) and, when every part of it is a plain shape this file
 * knows (objects, arrays, strings and numbers with length and range checks, booleans, literals,
 * enums, `null`, nullable, optional, default), returns a predicate. The predicate answers `true`
 * only when zod would accept the value AND return a value deep-equal to it (no default filled in,
 * no key stripped, no transform): the engine may then keep the value as it is and skip zod. Any
 * other answer, and any schema part it does not know (refinements, transforms, formats, unions,
 * records, lazy, coercion), sends the value to zod as before, so zod stays the only judge of what
 * is rejected and of every message. `test/core/quick.test.ts` checks the promise against zod over
 * random schemas and values.
 *
 * @module
 */

/** @internal `true`: zod accepts the value and returns it unchanged. `false`: ask zod. */
export type QuickCheck = (value: unknown) => boolean;

interface Def {
  readonly type?: unknown;
  readonly checks?: readonly { readonly _zod?: { readonly def?: CheckDef } }[];
  readonly [key: string]: unknown;
}

interface CheckDef {
  readonly check?: unknown;
  readonly format?: unknown;
  readonly value?: unknown;
  readonly inclusive?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly length?: unknown;
  readonly [key: string]: unknown;
}

const maxDepth = 32;

function defOf(schema: unknown): Def | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const zod = (schema as { _zod?: { def?: unknown } })._zod;
  const def = zod?.def;
  return typeof def === 'object' && def !== null ? (def as Def) : undefined;
}

/** The definition's keys other than these make the part unknown (a format, coercion, …). */
function onlyKeys(def: Def, allowed: readonly string[]): boolean {
  for (const key of Object.keys(def)) if (!allowed.includes(key)) return false;
  return true;
}

function checksOf(def: Def): CheckDef[] | undefined {
  const out: CheckDef[] = [];
  for (const check of def.checks ?? []) {
    const d = check?._zod?.def;
    if (d === undefined) return undefined;
    out.push(d);
  }
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

function lengthChecks(checks: CheckDef[]): ((n: number) => boolean) | undefined {
  // Folded into one range: one closure and two comparisons, whatever the number of checks.
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    if (c.check === 'min_length' && isNum(c.minimum)) min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && isNum(c.maximum)) max = Math.min(max, c.maximum);
    else if (c.check === 'length_equals' && isNum(c.length)) {
      min = Math.max(min, c.length);
      max = Math.min(max, c.length);
    } else return undefined;
  }
  return (n) => n >= min && n <= max;
}

/** A number's accepted range, folded from its format and checks: integer or not, two bounds. */
interface NumberRange {
  integer: boolean;
  min: number;
  minInclusive: boolean;
  max: number;
  maxInclusive: boolean;
}

function atLeast(range: NumberRange, min: number, inclusive: boolean): void {
  if (min > range.min || (min === range.min && !inclusive)) {
    range.min = min;
    range.minInclusive = inclusive;
  }
}

function atMost(range: NumberRange, max: number, inclusive: boolean): void {
  if (max < range.max || (max === range.max && !inclusive)) {
    range.max = max;
    range.maxInclusive = inclusive;
  }
}

function numberFormat(range: NumberRange, format: unknown): boolean {
  switch (format) {
    case 'safeint':
      range.integer = true;
      atLeast(range, Number.MIN_SAFE_INTEGER, true);
      atMost(range, Number.MAX_SAFE_INTEGER, true);
      return true;
    case 'int32':
      range.integer = true;
      atLeast(range, -2147483648, true);
      atMost(range, 2147483647, true);
      return true;
    case 'uint32':
      range.integer = true;
      atLeast(range, 0, true);
      atMost(range, 4294967295, true);
      return true;
    case 'float64':
      return true;
    default:
      return false;
  }
}

/**
 * One predicate for a folded range. Finite always (zod's numbers reject the infinities); the
 * branches test captured constants, which the JIT folds away.
 */
function numberCheck(r: NumberRange): QuickCheck {
  const { integer, min, minInclusive, max, maxInclusive } = r;
  return (v) =>
    typeof v === 'number' &&
    (integer ? Number.isInteger(v) : Number.isFinite(v)) &&
    (minInclusive ? v >= min : v > min) &&
    (maxInclusive ? v <= max : v < max);
}

function compile(schema: unknown, depth: number): QuickCheck | undefined {
  if (depth > maxDepth) return undefined;
  const def = defOf(schema);
  if (def === undefined) return undefined;
  const checks = checksOf(def);
  if (checks === undefined) return undefined;
  switch (def.type) {
    case 'string': {
      if (!onlyKeys(def, ['type', 'checks', 'coerce']) || def.coerce === true) return undefined;
      const len = lengthChecks(checks);
      if (len === undefined) return undefined;
      return (v) => typeof v === 'string' && len(v.length);
    }
    case 'number': {
      if (!onlyKeys(def, ['type', 'checks', 'coerce', 'format', 'check', 'abort']))
        return undefined;
      if (def.coerce === true) return undefined;
      const range: NumberRange = {
        integer: false,
        min: Number.NEGATIVE_INFINITY,
        minInclusive: false,
        max: Number.POSITIVE_INFINITY,
        maxInclusive: false,
      };
      if (def.format !== undefined && !numberFormat(range, def.format)) return undefined;
      for (const c of checks) {
        if (c.check === 'number_format') {
          if (!numberFormat(range, c.format)) return undefined;
        } else if (c.check === 'greater_than' && isNum(c.value)) {
          atLeast(range, c.value, c.inclusive === true);
        } else if (c.check === 'less_than' && isNum(c.value)) {
          atMost(range, c.value, c.inclusive === true);
        } else return undefined;
      }
      return numberCheck(range);
    }
    case 'boolean':
      if (!onlyKeys(def, ['type', 'checks', 'coerce']) || def.coerce === true || checks.length)
        return undefined;
      return (v) => typeof v === 'boolean';
    case 'null':
      if (checks.length) return undefined;
      return (v) => v === null;
    case 'literal': {
      const values = def.values;
      if (!Array.isArray(values) || checks.length) return undefined;
      const allowed = values.filter(
        (x) => typeof x === 'string' || typeof x === 'boolean' || isNum(x) || x === null,
      );
      if (allowed.length !== values.length) return undefined;
      return (v) => allowed.includes(v);
    }
    case 'enum': {
      const entries = def.entries;
      if (typeof entries !== 'object' || entries === null || checks.length) return undefined;
      // String values only: a numeric TypeScript enum has reverse mappings zod treats its own way.
      const allowed = Object.values(entries);
      if (!allowed.every((x) => typeof x === 'string')) return undefined;
      return (v) => allowed.includes(v as never);
    }
    case 'nullable': {
      if (checks.length) return undefined;
      const inner = compile(def.innerType, depth + 1);
      if (inner === undefined) return undefined;
      return (v) => v === null || inner(v);
    }
    case 'optional':
    case 'default': {
      // A present value is checked by the inner schema; an absent one is left to zod (a default
      // is filled in; an optional key missing from an object is handled by the object).
      if (checks.length) return undefined;
      const inner = compile(def.innerType, depth + 1);
      if (inner === undefined) return undefined;
      return (v) => v !== undefined && inner(v);
    }
    case 'array': {
      const element = compile(def.element, depth + 1);
      const len = lengthChecks(checks);
      if (element === undefined || len === undefined) return undefined;
      return (v) => {
        if (!Array.isArray(v) || !len(v.length)) return false;
        for (let i = 0; i < v.length; i++) if (!(i in v) || !element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return compileObject(def, checks, depth, false);
    default:
      return undefined;
  }
}

/** Whether zod leaves an absent key absent: optional, with no default anywhere inside it. */
function mayBeAbsent(schema: unknown): boolean {
  const def = defOf(schema);
  if (def?.type !== 'optional') return false;
  let inner = defOf(def.innerType);
  while (inner !== undefined) {
    if (inner.type === 'default' || inner.type === 'prefault') return false;
    if (inner.type !== 'optional' && inner.type !== 'nullable') return true;
    inner = defOf(inner.innerType);
  }
  return true;
}

function compileObject(
  def: Def,
  checks: CheckDef[],
  depth: number,
  allowType: boolean,
): QuickCheck | undefined {
  if (checks.length) return undefined;
  const catchall = defOf(def.catchall);
  // Without a catchall zod strips unknown keys; `never` (strictObject) rejects them; anything
  // else (looseObject) keeps them: an unknown key then needs zod, so all three ask zod.
  if (def.catchall !== undefined && catchall === undefined) return undefined;
  const shape = def.shape as Record<string, unknown> | undefined;
  if (typeof shape !== 'object' || shape === null) return undefined;
  const keys: string[] = [];
  const tests: QuickCheck[] = [];
  const optional: boolean[] = [];
  for (const key of Object.keys(shape)) {
    if (key === '__proto__') return undefined;
    const check = compile(shape[key], depth + 1);
    if (check === undefined) return undefined;
    keys.push(key);
    tests.push(check);
    optional.push(mayBeAbsent(shape[key]));
  }
  const count = keys.length;
  const typeDeclared = Object.hasOwn(shape, 'type');
  const skipType = allowType && !typeDeclared;
  return (v) => {
    if (typeof v !== 'object' || v === null) return false;
    // zod's output is an ordinary object: a null-prototype input would come back different.
    // (`__proto__` is the accessor here, as fast as a property read, unlike getPrototypeOf; an
    // object without Object.prototype in its chain, or with an own `__proto__` key as JSON.parse
    // makes, reads as something else and goes to zod.)
    // biome-ignore lint/suspicious/noProto: measured ~8x faster than Object.getPrototypeOf on Node 20.
    if ((v as { __proto__?: unknown }).__proto__ !== Object.prototype) return false;
    const record = v as Record<string, unknown>;
    let present = 0;
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const value = record[key];
      // A read is cheaper than an own-key test: only an undefined value needs the test (an
      // inherited Object.prototype member is a function, which no field check accepts).
      if (value === undefined && !hasOwn.call(record, key)) {
        if (optional[i]) continue;
        return false;
      }
      if (!(tests[i] as QuickCheck)(value)) return false;
      present++;
    }
    const extra = skipType && record.type !== undefined && hasOwn.call(record, 'type') ? 1 : 0;
    // Count own enumerable keys without building an array (the prototype is Object.prototype,
    // which has no enumerable keys of its own).
    let seen = 0;
    for (const _ in record) seen++;
    return seen === present + extra;
  };
}

/**
 * @internal The fast predicate for a schema, or `undefined` when the schema has a part this file
 * does not know. With `ignoreType`, an object schema also passes a value carrying an undeclared
 * `type` key (an event: the engine puts `type` back on the parsed payload anyway).
 */
export function quickCheck(schema: unknown, ignoreType = false): QuickCheck | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  if (ignoreType) {
    const def = defOf(schema);
    if (def?.type !== 'object') return undefined;
    const checks = checksOf(def);
    return checks === undefined ? undefined : compileObject(def, checks, 0, true);
  }
  return compile(schema, 0);
}
