/**
 * Near-miss damage for stored metric accumulators, shared by the property tests that compare the
 * hand-written fast paths with zod: one change at one place of a valid value (a replaced, removed
 * or extra field, a prototype or key that zod and a plain read see differently, an array that is
 * not quite an array, a number past exact arithmetic).
 */
import { inspect } from 'node:util';

/** A class whose instances look like plain objects to a careless reader. */
export class Foreign {}
/** An array subclass: zod accepts it as an array, a JSON round trip would not keep it. */
export class Counts extends Array<unknown> {}

export type Node = Record<PropertyKey, unknown> | unknown[];
export const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** A deep copy keeping prototypes, symbol keys and property attributes (mutations stack). */
export function clone<T>(value: T): T {
  if (!isNode(value)) return value;
  const out: Node = Array.isArray(value)
    ? new Array(value.length)
    : Object.create(Object.getPrototypeOf(value));
  for (const key of Reflect.ownKeys(value)) {
    if (Array.isArray(value) && key === 'length') continue;
    const d = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    if ('value' in d) d.value = clone(d.value);
    Object.defineProperty(out, key, d);
  }
  if (Array.isArray(value)) Object.setPrototypeOf(out, Object.getPrototypeOf(value));
  return out as T;
}

/** Every path in a value (the value itself first). */
export function nodesOf(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []) {
  out.push(path);
  if (isNode(value)) for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
}

/** One kind of damage. */
export type Op =
  | 'replace'
  | 'delete'
  | 'extra'
  | 'proto-key'
  | 'symbol-key'
  | 'hidden-key'
  | 'inherit'
  | 'foreign-class'
  | 'null-proto'
  | 'array-subclass'
  | 'sparse'
  | 'push'
  | 'pop'
  | 'huge';

/** A copy of `root` with `op` applied at `path` (`w`: a value to put in; `key`, `i`: which key). */
export function mutate(
  root: unknown,
  path: readonly PropertyKey[],
  op: Op,
  w: unknown,
  key: string,
  i: number,
) {
  const value = { root: clone(root) } as Record<PropertyKey, unknown>;
  let parent: Record<PropertyKey, unknown> = value;
  let at: PropertyKey = 'root';
  for (const k of path) {
    parent = parent[at] as Record<PropertyKey, unknown>;
    at = k;
  }
  const node = parent[at];
  switch (op) {
    case 'replace':
      parent[at] = w;
      break;
    case 'huge':
      parent[at] = typeof node === 'number' ? node + 2 ** 53 : w;
      break;
    case 'delete':
      if (Array.isArray(node)) node.pop();
      else if (isNode(node)) {
        const keys = Object.keys(node);
        delete (node as Record<string, unknown>)[keys[i % Math.max(1, keys.length)] ?? key];
      } else delete parent[at];
      break;
    case 'extra':
      if (isNode(node)) (node as Record<string, unknown>)[key] = w;
      break;
    case 'proto-key':
      if (isNode(node)) {
        Object.defineProperty(node, '__proto__', {
          value: w,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      break;
    case 'symbol-key':
      if (isNode(node)) (node as Record<symbol, unknown>)[Symbol(key)] = w;
      break;
    case 'hidden-key':
      if (isNode(node))
        Object.defineProperty(node, key, {
          value: w,
          enumerable: false,
          writable: true,
          configurable: true,
        });
      break;
    case 'inherit':
      // Every field comes from the prototype: zod reads inherited values too.
      if (isNode(node)) parent[at] = Object.create(node);
      break;
    case 'foreign-class':
      if (isNode(node) && !Array.isArray(node)) Object.setPrototypeOf(node, Foreign.prototype);
      break;
    case 'null-proto':
      if (isNode(node) && !Array.isArray(node)) Object.setPrototypeOf(node, null);
      break;
    case 'array-subclass':
      if (Array.isArray(node)) parent[at] = Counts.from(node);
      break;
    case 'sparse':
      if (Array.isArray(node) && node.length > 0) delete node[node.length - 1];
      break;
    case 'push':
      if (Array.isArray(node)) node.push(w);
      break;
    case 'pop':
      if (Array.isArray(node)) node.pop();
      break;
  }
  return value.root;
}

/** Everything about a value, prototypes, symbols and hidden keys included. */
export const fingerprint = (value: unknown) =>
  inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true });
