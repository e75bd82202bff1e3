/**
 * Reads a zod 4 schema into a small, plain description that the payload generators (fixed samples
 * and fast-check arbitraries) share. Only the common schema types are understood; anything else
 * raises an {@link UnsupportedSchemaError} that names the type, so a user can pass samples instead.
 *
 * @module
 */
import { type Schema, ServicecraftError } from '../core/index.js';

/** @internal A JSON primitive a literal or enum can hold. */
export type Primitive = string | number | boolean | null | undefined | bigint;

/** @internal The plain description of a schema. */
export type SchemaNode =
  | {
      readonly kind: 'string';
      readonly min: number;
      readonly max: number | undefined;
      readonly format: string | undefined;
      readonly pattern: RegExp | undefined;
    }
  | {
      readonly kind: 'number';
      readonly int: boolean;
      readonly min: number | undefined;
      readonly minExclusive: boolean;
      readonly max: number | undefined;
      readonly maxExclusive: boolean;
      readonly multipleOf: number | undefined;
    }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'literal'; readonly values: readonly Primitive[] }
  | { readonly kind: 'optional' | 'nullable'; readonly inner: SchemaNode }
  | { readonly kind: 'default'; readonly inner: SchemaNode }
  | {
      readonly kind: 'array';
      readonly element: SchemaNode;
      readonly min: number;
      readonly max: number | undefined;
    }
  | { readonly kind: 'tuple'; readonly items: readonly SchemaNode[] }
  | { readonly kind: 'object'; readonly shape: readonly (readonly [string, SchemaNode])[] }
  | { readonly kind: 'record'; readonly key: SchemaNode; readonly value: SchemaNode }
  | { readonly kind: 'union'; readonly options: readonly SchemaNode[] }
  | { readonly kind: 'unknown' }
  /** A schema no value passes (`z.never()`). */
  | { readonly kind: 'never' }
  /** A schema with refinements: candidates for `inner` are kept when `schema` accepts them. */
  | { readonly kind: 'refined'; readonly inner: SchemaNode; readonly schema: Schema };

/**
 * Thrown when a payload has to be derived from a zod schema type (or check) that the testing
 * helpers do not understand. Pass explicit samples for that event instead. A
 * `ServicecraftError` of kind `'UnsupportedSchemaError'`, so `isServicecraftError` recognises it.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { samplePayloads, UnsupportedSchemaError } from 'servicecraft/testing';
 *
 * try {
 *   samplePayloads(z.date());
 * } catch (error) {
 *   if (error instanceof UnsupportedSchemaError) console.log(error.schemaType); // 'date'
 * }
 * ```
 *
 * @category Testing
 */
export class UnsupportedSchemaError extends ServicecraftError {
  /** The zod schema type (or `string check <name>`) that could not be handled. */
  readonly schemaType: string;
  /** Where in the payload the schema sits, e.g. `['items', '[]']`. */
  readonly path: readonly string[];

  /**
   * @param schemaType - The zod `def.type` (or check) that is not supported.
   * @param path - The location of the schema inside the payload.
   */
  constructor(schemaType: string, path: readonly string[]) {
    const where = path.length === 0 ? 'the payload' : `'${path.join('.')}'`;
    super(
      'UnsupportedSchemaError',
      `Cannot derive a value for ${where}: zod schema type '${schemaType}' is not supported by the payload generator; pass samples for this event (the \`samples\` option) instead.`,
    );
    this.schemaType = schemaType;
    this.path = path;
  }
}

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}
interface CheckDef {
  readonly check?: string;
  readonly format?: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => {
  const own = typeof def.check === 'string' ? [def as unknown as CheckDef] : [];
  const list = (def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? [];
  return [...own, ...list.map((c) => c._zod.def)];
};

const intFormats: Record<string, readonly [number, number]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};
/** String formats the generators know how to produce. */
const stringFormats = new Set([
  'email',
  'uuid',
  'guid',
  'url',
  'datetime',
  'date',
  'regex',
  'lowercase',
]);

/**
 * @internal Reads a zod 4 schema into a {@link SchemaNode}.
 * @throws {@link UnsupportedSchemaError} for schema types and checks outside the supported set.
 */
export function readSchema(schema: Schema, path: readonly string[] = []): SchemaNode {
  const node = readPlain(schema, path);
  const def = defOf(schema);
  const refined = def.type !== 'pipe' && checksOf(def).some((check) => check.check === 'custom');
  return refined ? { kind: 'refined', inner: node, schema } : node;
}

/** Reads a schema, ignoring its own refinements (those are handled by {@link readSchema}). */
function readPlain(schema: Schema, path: readonly string[]): SchemaNode {
  const def = defOf(schema);
  const inner = (key: string, at: readonly string[] = path) => readSchema(def[key] as Schema, at);
  switch (def.type) {
    case 'string':
      return readString(def, path);
    case 'number':
      return readNumber(def, path);
    case 'boolean':
      return { kind: 'boolean' };
    case 'null':
      return { kind: 'literal', values: [null] };
    case 'undefined':
      return { kind: 'literal', values: [undefined] };
    case 'literal':
      return { kind: 'literal', values: def.values as Primitive[] };
    case 'enum':
      return { kind: 'literal', values: Object.values(def.entries as Record<string, Primitive>) };
    case 'optional':
    case 'nullable':
      return { kind: def.type, inner: inner('innerType') };
    case 'default':
    case 'prefault':
      return { kind: 'default', inner: inner('innerType') };
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType');
    case 'pipe':
      // Payloads are parsed, so what must be generated is the pipe's input.
      return inner('in');
    case 'array':
      return readArray(def, path);
    case 'tuple':
      if (def.rest) throw new UnsupportedSchemaError('tuple with rest', path);
      return {
        kind: 'tuple',
        items: (def.items as Schema[]).map((item, i) => readSchema(item, [...path, String(i)])),
      };
    case 'object':
      return {
        kind: 'object',
        shape: Object.entries(def.shape as Record<string, Schema>).map(
          ([key, value]) => [key, readSchema(value, [...path, key])] as const,
        ),
      };
    case 'record':
      return { kind: 'record', key: inner('keyType'), value: inner('valueType', [...path, '*']) };
    case 'union':
      return {
        kind: 'union',
        options: (def.options as Schema[]).map((option) => readSchema(option, path)),
      };
    case 'any':
    case 'unknown':
      return { kind: 'unknown' };
    case 'never':
      return { kind: 'never' };
    default:
      throw new UnsupportedSchemaError(def.type, path);
  }
}

function readString(def: Def, path: readonly string[]): SchemaNode {
  let min = 0;
  let max: number | undefined;
  let format: string | undefined;
  let pattern: RegExp | undefined;
  for (const check of checksOf(def)) {
    switch (check.check) {
      case 'min_length':
        min = Math.max(min, check.minimum ?? 0);
        break;
      case 'max_length':
        max = Math.min(max ?? Number.POSITIVE_INFINITY, check.maximum ?? Number.POSITIVE_INFINITY);
        break;
      case 'length_equals':
        min = check.length ?? 0;
        max = check.length;
        break;
      case 'custom':
        break; // refinements: the generators check whole payloads with safeParse
      case 'overwrite':
        break; // trim, toLowerCase, ...: the generated strings are already trimmed lowercase text
      case 'string_format':
        if (!stringFormats.has(check.format ?? '')) {
          throw new UnsupportedSchemaError(`string format ${check.format ?? '?'}`, path);
        }
        if (check.format === 'regex') pattern = check.pattern;
        else if (check.format !== 'lowercase')
          format = check.format === 'guid' ? 'uuid' : check.format;
        break;
      default:
        throw new UnsupportedSchemaError(`string check ${check.check ?? '?'}`, path);
    }
  }
  return { kind: 'string', min, max, format, pattern };
}

function readNumber(def: Def, path: readonly string[]): SchemaNode {
  let int = false;
  let min: number | undefined;
  let max: number | undefined;
  let minExclusive = false;
  let maxExclusive = false;
  let multipleOf: number | undefined;
  const raise = (value: number, exclusive: boolean) => {
    if (min === undefined || value > min || (value === min && exclusive)) {
      min = value;
      minExclusive = exclusive;
    }
  };
  const lower = (value: number, exclusive: boolean) => {
    if (max === undefined || value < max || (value === max && exclusive)) {
      max = value;
      maxExclusive = exclusive;
    }
  };
  for (const check of checksOf(def)) {
    switch (check.check) {
      case 'greater_than':
        raise(check.value ?? 0, check.inclusive !== true);
        break;
      case 'less_than':
        lower(check.value ?? 0, check.inclusive !== true);
        break;
      case 'multiple_of':
        multipleOf = check.value;
        break;
      case 'custom':
        break;
      case 'number_format': {
        const bounds = intFormats[check.format ?? ''];
        if (bounds) {
          int = true;
          raise(bounds[0], false);
          lower(bounds[1], false);
        }
        break;
      }
      default:
        throw new UnsupportedSchemaError(`number check ${check.check ?? '?'}`, path);
    }
  }
  return { kind: 'number', int, min, minExclusive, max, maxExclusive, multipleOf };
}

function readArray(def: Def, path: readonly string[]): SchemaNode {
  let min = 0;
  let max: number | undefined;
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') min = check.minimum ?? 0;
    else if (check.check === 'max_length') max = check.maximum;
    else if (check.check === 'length_equals') {
      min = check.length ?? 0;
      max = check.length;
    } else if (check.check !== 'custom')
      throw new UnsupportedSchemaError(`array check ${check.check ?? '?'}`, path);
  }
  return { kind: 'array', element: readSchema(def.element as Schema, [...path, '[]']), min, max };
}

/** @internal Whether a number satisfies a number node's bounds, integrality and step. */
export function numberFits(node: Extract<SchemaNode, { kind: 'number' }>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (node.int && !Number.isInteger(value)) return false;
  if (node.min !== undefined && (node.minExclusive ? value <= node.min : value < node.min))
    return false;
  if (node.max !== undefined && (node.maxExclusive ? value >= node.max : value > node.max))
    return false;
  if (node.multipleOf !== undefined && !Number.isInteger(value / node.multipleOf)) return false;
  return true;
}

/**
 * @internal Whether no value can pass a schema: a `z.never()` where a value is required (a framework
 * without qualities has `quality: z.never()`, so its `QUALITY` event can never be sent).
 */
export function acceptsNothing(node: SchemaNode): boolean {
  switch (node.kind) {
    case 'never':
      return true;
    case 'literal':
      return node.values.length === 0;
    case 'refined':
      return acceptsNothing(node.inner);
    case 'object':
      return node.shape.some(([, child]) => acceptsNothing(child));
    case 'tuple':
      return node.items.some(acceptsNothing);
    case 'array':
      return node.min > 0 && acceptsNothing(node.element);
    case 'union':
      return node.options.every(acceptsNothing);
    default:
      return false;
  }
}
