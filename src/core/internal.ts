/**
 * @internal The compiled tables behind a machine. Not exported from the package: the public
 * surface is the `Machine` interface; these tables exist only to make transitions cheap.
 *
 * @module
 */
import type { Guard, Machine, Migration, Schema, Update } from './types.js';

/** @internal The property under which a machine keeps its compiled tables. */
export const compiled: unique symbol = Symbol('servicecraft.compiled') as never;

/** @internal */
export interface Candidate {
  readonly target: string;
  readonly targetFinal: boolean;
  readonly guard: string | undefined;
  readonly guardFn: Guard<unknown, unknown> | undefined;
  readonly update: Update<unknown, unknown> | undefined;
}

/** @internal */
export interface CompiledState {
  readonly name: string;
  readonly final: boolean;
  readonly on: ReadonlyMap<string, readonly Candidate[]>;
  readonly allowed: readonly string[];
}

/** @internal */
export interface CompiledMachine {
  readonly states: ReadonlyMap<string, CompiledState>;
  readonly events: ReadonlyMap<string, Schema | null>;
  readonly eventTypes: readonly string[];
  readonly context: Schema | undefined;
  /** The context schema to check update results against, or undefined to trust them. */
  readonly updateSchema: Schema | undefined;
  readonly migrations: Readonly<Record<number, Migration>>;
}

/** @internal Reads the tables of a machine made by `defineMachine`. */
export function tablesOf(machine: Machine): CompiledMachine {
  const table = (machine as unknown as { [compiled]?: CompiledMachine })[compiled];
  if (table === undefined) {
    throw new TypeError('Expected a machine made by defineMachine().');
  }
  return table;
}
