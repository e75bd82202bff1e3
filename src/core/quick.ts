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

const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

function lengthChecks(checks: CheckDef[]): ((n: number) => boolean) | undefined {
  const tests: ((n: number) => boolean)[] = [];
  for (const c of checks) {
    if (c.check === 'min_length' && isNum(c.minimum)) {
      const min = c.minimum;
      tests.push((n) => n >= min);
    } else if (c.check === 'max_length' && isNum(c.maximum)) {
      const max = c.maximum;
      tests.push((n) => n <= max);
    } else if (c.check === 'length_equals' && isNum(c.length)) {
      const len = c.length;
      tests.push((n) => n === len);
    } else return undefined;
  }
  return (n) => tests.every((t) => t(n));
}

function numberFormat(format: unknown): ((v: number) => boolean) | undefined {
  switch (format) {
    case 'safeint':
      return Number.isSafeInteger;
    case 'int32':
      return (v) => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case 'uint32':
      return (v) => Number.isInteger(v) && v >= 0 && v <= 4294967295;
    case 'float64':
      return Number.isFinite;
    default:
      return undefined;
  }
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
      const tests: ((v: number) => boolean)[] = [Number.isFinite];
      if (def.format !== undefined) {
        const f = numberFormat(def.format);
        if (f === undefined) return undefined;
        tests.push(f);
      }
      for (const c of checks) {
        if (c.check === 'number_format') {
          const f = numberFormat(c.format);
          if (f === undefined) return undefined;
          tests.push(f);
        } else if (c.check === 'greater_than' && isNum(c.value)) {
          const min = c.value;
          tests.push(c.inclusive === true ? (v) => v >= min : (v) => v > min);
        } else if (c.check === 'less_than' && isNum(c.value)) {
          const max = c.value;
          tests.push(c.inclusive === true ? (v) => v <= max : (v) => v < max);
        } else return undefined;
      }
      return (v) => typeof v === 'number' && tests.every((t) => t(v));
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
  const fields: { key: string; check: QuickCheck; optional: boolean }[] = [];
  for (const key of Object.keys(shape)) {
    if (key === '__proto__') return undefined;
    const check = compile(shape[key], depth + 1);
    if (check === undefined) return undefined;
    fields.push({ key, check, optional: mayBeAbsent(shape[key]) });
  }
  const typeDeclared = Object.hasOwn(shape, 'type');
  return (v) => {
    if (typeof v !== 'object' || v === null) return false;
    // zod's output is an ordinary object: a null-prototype input would come back different.
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    let present = 0;
    for (const f of fields) {
      if (!Object.hasOwn(v, f.key)) {
        if (f.optional) continue;
        return false;
      }
      if (!f.check((v as Record<string, unknown>)[f.key])) return false;
      present++;
    }
    const extra = allowType && !typeDeclared && Object.hasOwn(v, 'type') ? 1 : 0;
    // Count own enumerable keys without building an array (the prototype is Object.prototype,
    // which has no enumerable keys of its own).
    let keys = 0;
    for (const _ in v) keys++;
    return keys === present + extra;
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
