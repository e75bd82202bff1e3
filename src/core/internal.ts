/**
 * @internal The compiled tables behind a machine. Not exported from the package: the public
 * surface is the `Machine` interface; these tables exist only to make transitions cheap.
 *
 * @module
 */
import { describeCause, UsageError, type ValidationIssue } from './errors.js';
import type { QuickCheck } from './quick.js';
import type { Guard, Invariant, Machine, Migration, Schema, Update } from './types.js';

/**
 * @internal The property under which a machine keeps its compiled tables. A registered symbol, so
 * a machine made by the ESM build works with the CJS build's functions and the other way round.
 */
export const compiled: unique symbol = Symbol.for('servicecraft.compiled') as never;

/** @internal What a parse returns (classic and mini zod schemas alike). */
export type ParseOutcome =
  | { readonly success: true; readonly data: unknown }
  | { readonly success: false; readonly error: { readonly issues: readonly ValidationIssue[] } };

/** @internal A schema as the engine calls it: both zod and zod/mini schemas have `safeParse`. */
export interface Parser {
  safeParse(data: unknown): ParseOutcome;
}

/** @internal Views a public schema as the parser it is at run time. */
export const parserOf = (schema: Schema): Parser => schema as unknown as Parser;

/**
 * @internal Parses without ever throwing. zod builds issue messages lazily, so they are read here,
 * inside the `try`: a schema (or a custom message) that throws on hostile input (a stack overflow
 * on thousands of nested arrays, say) becomes one issue instead of an exception.
 */
export function safeParse(schema: Parser, value: unknown): ParseOutcome {
  try {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed;
    const issues = parsed.error.issues;
    for (const issue of issues) if (typeof issue.message !== 'string') throw new TypeError();
    return { success: false, error: { issues } };
  } catch (cause) {
    const message =
      cause instanceof RangeError
        ? 'the value is nested too deeply or is too large to validate'
        : 'the value could not be validated';
    const issue = { code: 'custom', path: [], input: undefined, message } as unknown;
    return { success: false, error: { issues: [issue as ValidationIssue] } };
  }
}

/** @internal Whether a schema accepts a value, never throwing (for tools: samples, generators). */
export function accepts(schema: unknown, value: unknown): boolean {
  return safeParse(schema as Parser, value).success;
}

/** @internal */
export interface Candidate {
  readonly target: string;
  readonly targetFinal: boolean;
  readonly guard: string | undefined;
  readonly guardFn: Guard<unknown, unknown, string> | undefined;
  readonly update: Update<unknown, unknown, string> | undefined;
}

/** @internal */
export interface CompiledState {
  readonly name: string;
  readonly final: boolean;
  readonly allowed: readonly string[];
  /** No candidate here has a guard: the events allowed now are always `allowed`. */
  readonly unguarded: boolean;
  /** `say.allowedTail(allowed)`, the fixed end of an `EVENT_NOT_ALLOWED` sentence here. */
  readonly allowedTail: string;
  /** Each event type handled here, with what `transition` needs for it, found with one lookup. */
  readonly routes: ReadonlyMap<string, Route>;
  /** The same routes in definition order (the order of `allowed`). */
  readonly routeList: readonly Route[];
}

/** @internal One event type in one state: its candidates, payload schema and fast check. */
export interface Route {
  /** The event type. */
  readonly type: string;
  /** The bare event `{ type }`, frozen, that `nextEvents` shows guards. */
  readonly bare: Readonly<{ type: string }>;
  readonly candidates: readonly Candidate[];
  /** The first candidate (there is always one). */
  readonly first: Candidate;
  /** Only one candidate, with no guard: it is taken without running anything. */
  readonly direct: boolean;
  /** The payload schema, or `null` for a payload-free event. */
  readonly schema: Parser | null;
  /** The fast stand-in for `schema` when it says yes. */
  readonly quick: QuickCheck | undefined;
  /** Whether a guard or update reads the event (then it gets the parsed payload). */
  readonly readsEvent: boolean;
  /** The start of a `REFUSED` sentence for this state and event (`say.refusedPrefix`). */
  readonly refusedPrefix: string;
}

/** @internal */
export interface CompiledMachine {
  readonly states: ReadonlyMap<string, CompiledState>;
  readonly events: ReadonlyMap<string, Parser | null>;
  readonly eventTypes: readonly string[];
  readonly context: Parser | undefined;
  /** The context schema to check update results against, or undefined to trust them. */
  readonly updateSchema: Parser | undefined;
  /** A fast predicate that stands in for the context schema when it says yes (see quick.ts). */
  readonly contextQuick: QuickCheck | undefined;
  readonly migrations: Readonly<Record<number, Migration>>;
  /** The declared refusal codes. */
  readonly refusals: ReadonlySet<string>;
  /** The named invariants, in definition order. */
  readonly invariants: readonly (readonly [string, Invariant<string, unknown>])[];
  /** Whether transitions check invariants (validateUpdates is not false and there are some). */
  readonly checkInvariants: boolean;
}

/**
 * @internal Where a machine keeps its tables: empty until the first call that needs them, then
 * filled once by `compile` (a pure function of the frozen definition) and never changed again.
 */
export interface TableSlot {
  table: CompiledMachine | undefined;
  readonly compile: () => CompiledMachine;
}

/**
 * @internal Whether a snapshot's revision lets an event follow: a non-negative safe integer below
 * the last one (the next revision must be a safe integer too, or restore would reject it).
 */
export const takesEvents = (revision: unknown): boolean =>
  Number.isSafeInteger(revision) &&
  (revision as number) >= 0 &&
  (revision as number) < Number.MAX_SAFE_INTEGER;

/** @internal Reads the tables of a machine made by `defineMachine`, compiling them on first use. */
export function tablesOf(machine: Machine): CompiledMachine {
  const slot =
    typeof machine === 'object' && machine !== null
      ? (machine as unknown as { [compiled]?: TableSlot })[compiled]
      : undefined;
  if (typeof slot === 'object' && slot !== null) {
    const table = slot.table;
    if (table !== undefined) return table;
    if (typeof slot.compile === 'function') {
      slot.table = slot.compile();
      return slot.table;
    }
  }
  throw new UsageError('Expected a machine made by defineMachine().', [
    { path: ['machine'], message: 'not a machine made by defineMachine()' },
  ]);
}

/** @internal One broken invariant: its name, what it said, and what it threw (if it threw). */
export interface Breach {
  readonly name: string;
  readonly detail: string;
  readonly threw: boolean;
  readonly cause?: unknown;
}

/** @internal Runs every invariant of a machine on `(state, context)`; returns the breaches. */
export function breaches(table: CompiledMachine, state: string, context: unknown): Breach[] {
  const out: Breach[] = [];
  for (const [name, check] of table.invariants) {
    let verdict: unknown;
    try {
      verdict = check({ state, context });
    } catch (cause) {
      // describeCause never throws, whatever was thrown (an object without toString, say).
      out.push({ name, detail: `threw (${describeCause(cause)})`, threw: true, cause });
      continue;
    }
    if (verdict === true) continue;
    out.push({
      name,
      detail:
        typeof verdict === 'string' && verdict !== '' ? verdict.slice(0, 500) : 'does not hold',
      threw: false,
    });
  }
  return out;
}

/** @internal `invariant 'a' (detail); invariant 'b' (detail)` */
export function describeBreaches(list: readonly Breach[]): string {
  return list.map((b) => `invariant '${b.name}' (${b.detail})`).join('; ');
}
