/**
 * `defineMachine`: checks a definition once, reports every problem together, and compiles it into
 * lookup tables so that a transition is a couple of map reads.
 *
 * @module
 */

import {
  DefinitionError,
  type DefinitionProblem,
  type DefinitionProblemCode,
  describeValue,
  transitionMessages,
} from './errors.js';
import {
  type Candidate,
  type CompiledMachine,
  type CompiledState,
  compiled,
  type Parser,
  parserOf,
  type Route,
  type TableSlot,
} from './internal.js';
import { quickCheck } from './quick.js';
import type {
  AnyMachineDefinition,
  ContextFromSchema,
  Edge,
  EventInputsFromSchemas,
  EventSchemas,
  EventsFromSchemas,
  Guard,
  Invariant,
  Machine,
  MachineDefinition,
  Schema,
  Update,
} from './types.js';

const reserved = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validates a machine definition and returns a typed, immutable machine.
 *
 * State names, event types and guard names are inferred as literal unions, so a misspelt target,
 * event or guard is a compile error. At run time the definition is checked once; every problem
 * (unknown target, unreachable state, non-final dead end, missing initial, undefined guard,
 * undeclared event, final state with transitions, ...) is collected into one
 * {@link DefinitionError}.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine } from 'servicecraft';
 *
 * const ticket = defineMachine({
 *   id: 'ticket',
 *   version: 1,
 *   initial: 'open',
 *   context: z.object({ replies: z.number().int().default(0) }),
 *   events: {
 *     REPLY: z.object({ at: z.number().int(), text: z.string().min(1) }),
 *     SOLVE: null,
 *   },
 *   guards: { answered: ({ context }) => context.replies > 0 },
 *   states: {
 *     open: {
 *       on: {
 *         REPLY: { target: 'open', update: ({ context }) => ({ replies: context.replies + 1 }) },
 *         SOLVE: { target: 'solved', guard: 'answered' },
 *       },
 *     },
 *     solved: { type: 'final' },
 *   },
 * });
 * ```
 *
 * @param definition - States, events with payload schemas, an optional context schema, guards,
 *   migrations and metadata.
 * @returns The machine, to pass to {@link initialSnapshot}, {@link transition} and the rest.
 * @throws {@link DefinitionError} listing every problem when the definition is invalid.
 * @category Core
 */
export function defineMachine<
  S extends string,
  E extends EventSchemas,
  G extends string = never,
  CS extends Schema | undefined = undefined,
  R extends string = never,
>(
  definition: MachineDefinition<S, E, G, CS, R>,
): Machine<S, EventsFromSchemas<E>, ContextFromSchema<CS>, EventInputsFromSchemas<E>, R> {
  const problems = checkDefinition(definition as unknown as AnyMachineDefinition);
  const def = problems.length > 0 ? undefined : (frozenCopy(definition) as AnyMachineDefinition);
  if (def === undefined) {
    const id = (definition as { id?: unknown } | null)?.id;
    throw new DefinitionError(typeof id === 'string' && id ? id : '?', problems);
  }
  return build(def) as unknown as Machine<
    S,
    EventsFromSchemas<E>,
    ContextFromSchema<CS>,
    EventInputsFromSchemas<E>,
    R
  >;
}

/**
 * A deep copy of the definition's plain parts (objects and arrays), frozen, so neither the caller
 * nor a reader of `machine.definition` can change the machine afterwards. Schemas, functions and
 * class instances are kept as they are.
 */
function frozenCopy(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(frozenCopy(item, seen));
    return Object.freeze(out);
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || isSchema(value)) return value;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    out[key] = frozenCopy((value as Record<string, unknown>)[key], seen);
  }
  return Object.freeze(out);
}

interface NormalCandidate {
  readonly target: unknown;
  readonly guard: unknown;
  readonly update: unknown;
  readonly description?: unknown;
  readonly meta?: unknown;
}

/** Turns the three spellings of a transition into a list of candidates, or `undefined` if malformed. */
function normalise(spec: unknown): NormalCandidate[] | undefined {
  if (typeof spec === 'string') return [{ target: spec, guard: undefined, update: undefined }];
  const list = Array.isArray(spec) ? spec : [spec];
  if (list.length === 0) return undefined;
  const out: NormalCandidate[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || !('target' in item)) return undefined;
    out.push(item as NormalCandidate);
  }
  return out;
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { safeParse?: unknown }).safeParse === 'function';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkDefinition(def: AnyMachineDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (code: DefinitionProblemCode, path: string[], message: string) => {
    problems.push({ code, path, message });
  };
  if (!isRecord(def)) {
    add(
      'NO_STATES',
      [],
      'The definition must be an object with id, version, initial, events and states.',
    );
    return problems;
  }
  if (typeof def.id !== 'string' || def.id.trim() === '') {
    add('INVALID_ID', ['id'], 'The id must be a non-empty string; it is stored in every snapshot.');
  }
  if (!Number.isSafeInteger(def.version) || def.version < 1) {
    add(
      'INVALID_VERSION',
      ['version'],
      `The version must be a positive integer, received ${typeof def.version === 'number' ? String(def.version) : describeValue(def.version)}.`,
    );
  }
  if (def.validateUpdates !== undefined && typeof def.validateUpdates !== 'boolean') {
    add('INVALID_SCHEMA', ['validateUpdates'], 'validateUpdates must be true or false.');
  }
  if (def.context !== undefined && !isSchema(def.context)) {
    add('INVALID_SCHEMA', ['context'], 'The context must be a zod schema.');
  }
  const events = isRecord(def.events) ? def.events : {};
  if (!isRecord(def.events)) {
    add(
      'INVALID_SCHEMA',
      ['events'],
      'events must be an object mapping each event type to a zod schema or null.',
    );
  }
  for (const [type, schema] of Object.entries(events)) {
    if (reserved.has(type))
      add('RESERVED_NAME', ['events', type], `'${type}' cannot be an event type.`);
    if (schema !== null && !isSchema(schema)) {
      add(
        'INVALID_SCHEMA',
        ['events', type],
        `Event ${type} needs a zod schema for its payload, or null for none.`,
      );
    }
  }
  if (def.refusals !== undefined) {
    if (!isRecord(def.refusals)) {
      add(
        'INVALID_REFUSAL',
        ['refusals'],
        'refusals must be an object mapping each refusal code to a sentence describing it.',
      );
    } else {
      for (const [code, text] of Object.entries(def.refusals)) {
        if (reserved.has(code) || code.trim() === '')
          add('INVALID_REFUSAL', ['refusals', code], `'${code}' cannot be a refusal code.`);
        if (typeof text !== 'string')
          add(
            'INVALID_REFUSAL',
            ['refusals', code],
            `Refusal ${code} needs a sentence saying what it means.`,
          );
      }
    }
  }
  if (def.invariants !== undefined) {
    if (!isRecord(def.invariants)) {
      add(
        'INVALID_INVARIANT',
        ['invariants'],
        'invariants must be an object mapping each invariant name to a function.',
      );
    } else {
      for (const [name, fn] of Object.entries(def.invariants)) {
        if (typeof fn !== 'function')
          add('INVALID_INVARIANT', ['invariants', name], `Invariant '${name}' must be a function.`);
      }
    }
  }
  if (def.wakeUp !== undefined && typeof def.wakeUp !== 'function') {
    add('INVALID_WAKE_UP', ['wakeUp'], 'wakeUp must be a function of ({ state, context }).');
  }
  const guards = isRecord(def.guards) ? def.guards : {};
  for (const [name, fn] of Object.entries(guards)) {
    if (reserved.has(name))
      add('RESERVED_NAME', ['guards', name], `'${name}' cannot be a guard name.`);
    if (typeof fn !== 'function')
      add('UNDEFINED_GUARD', ['guards', name], `Guard '${name}' must be a function.`);
  }
  const states = isRecord(def.states) ? def.states : {};
  const names = Object.keys(states);
  if (names.length === 0) {
    add('NO_STATES', ['states'], 'A machine needs at least one state.');
    return problems;
  }
  if (typeof def.initial !== 'string' || !Object.hasOwn(states, def.initial)) {
    add(
      'MISSING_INITIAL',
      ['initial'],
      `initial must name one of the states (${names.join(', ')}), received ${String(def.initial)}.`,
    );
  }

  const targets = new Map<string, Set<string>>();
  for (const name of names) {
    const state = states[name];
    const path = ['states', name];
    const out = new Set<string>();
    targets.set(name, out);
    if (reserved.has(name)) add('RESERVED_NAME', path, `'${name}' cannot be a state name.`);
    if (!isRecord(state)) {
      add('INVALID_TRANSITION', path, `State '${name}' must be an object.`);
      continue;
    }
    if (state.type !== undefined && state.type !== 'final') {
      add(
        'INVALID_TRANSITION',
        [...path, 'type'],
        `State '${name}' has type ${String(state.type)}; the only type is 'final'.`,
      );
    }
    const on = state.on === undefined ? {} : state.on;
    if (!isRecord(on)) {
      add(
        'INVALID_TRANSITION',
        [...path, 'on'],
        `State '${name}' has an 'on' that is not an object.`,
      );
      continue;
    }
    const onKeys = Object.keys(on);
    if (state.type === 'final' && onKeys.length > 0) {
      add(
        'FINAL_WITH_TRANSITIONS',
        [...path, 'on'],
        `Final state '${name}' accepts no events; remove its 'on' (${onKeys.join(', ')}) or make it non-final.`,
      );
    }
    for (const type of onKeys) {
      const tpath = [...path, 'on', type];
      if (!Object.hasOwn(events, type)) {
        add(
          'UNDECLARED_EVENT',
          tpath,
          `State '${name}' handles ${type}, which is not declared in events.`,
        );
      }
      const candidates = normalise(on[type]);
      if (!candidates) {
        add(
          'INVALID_TRANSITION',
          tpath,
          `The transition for ${type} in '${name}' must be a state name, { target, guard?, update? }, or a non-empty list of those.`,
        );
        continue;
      }
      candidates.forEach((c, i) => {
        const cpath = candidates.length > 1 ? [...tpath, String(i)] : tpath;
        if (typeof c.target !== 'string' || !Object.hasOwn(states, c.target)) {
          add(
            'UNKNOWN_TARGET',
            cpath,
            `The transition for ${type} in '${name}' targets '${String(c.target)}', which is not a state.`,
          );
        } else {
          out.add(c.target);
        }
        if (
          c.guard !== undefined &&
          (typeof c.guard !== 'string' || !Object.hasOwn(guards, c.guard))
        ) {
          add(
            'UNDEFINED_GUARD',
            [...cpath, 'guard'],
            `The transition for ${type} in '${name}' uses guard '${String(c.guard)}', which is not defined in guards.`,
          );
        }
        if (c.update !== undefined && typeof c.update !== 'function') {
          add(
            'INVALID_TRANSITION',
            [...cpath, 'update'],
            `The update for ${type} in '${name}' must be a function.`,
          );
        }
        if (c.guard === undefined && i < candidates.length - 1) {
          add(
            'INVALID_TRANSITION',
            cpath,
            `Candidate ${i} for ${type} in '${name}' has no guard, so the candidates after it can never be taken.`,
          );
        }
      });
    }
  }

  if (typeof def.initial === 'string' && targets.has(def.initial)) {
    const seen = new Set<string>([def.initial]);
    const queue = [def.initial];
    for (let s = queue.pop(); s !== undefined; s = queue.pop()) {
      for (const t of targets.get(s) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    for (const name of names) {
      if (!seen.has(name)) {
        add(
          'UNREACHABLE_STATE',
          ['states', name],
          `State '${name}' cannot be reached from the initial state '${def.initial}'.`,
        );
      }
    }
  }
  for (const name of names) {
    const state = states[name];
    if (!isRecord(state) || state.type === 'final') continue;
    const out = targets.get(name) ?? new Set();
    // A lone state that loops on itself is a complete machine (a counter); among others it is a trap.
    if (names.length > 1 && [...out].every((t) => t === name)) {
      add(
        'DEAD_END',
        ['states', name],
        `State '${name}' is not final but has no transition to another state; add one or mark it { type: 'final' }.`,
      );
    }
  }

  if (def.migrations !== undefined) {
    if (!isRecord(def.migrations)) {
      add(
        'INVALID_MIGRATION',
        ['migrations'],
        'migrations must be an object keyed by the version each migration upgrades from.',
      );
    } else {
      for (const [key, fn] of Object.entries(def.migrations)) {
        const from = Number(key);
        if (!Number.isSafeInteger(from) || from < 1 || from >= def.version) {
          add(
            'INVALID_MIGRATION',
            ['migrations', key],
            `A migration is keyed by the version it upgrades from, an integer from 1 to ${def.version - 1}; received ${key}.`,
          );
        }
        if (typeof fn !== 'function')
          add('INVALID_MIGRATION', ['migrations', key], `Migration ${key} must be a function.`);
      }
    }
  }
  return problems;
}

/**
 * The machine's public fields now; its lookup tables on first use. Compiling the tables (routes,
 * the fast checks of every schema) is most of the cost of a definition, and a module that defines
 * machines at import (every preset does) should not pay it for machines it never runs. The tables
 * are a pure function of the frozen definition, built at most once and never changed after: a
 * memo of a constant, so no result depends on which call came first.
 */
function build(def: AnyMachineDefinition): Machine {
  const edges: Edge[] = [];
  const finals: string[] = [];
  for (const [name, config] of Object.entries(def.states)) {
    for (const [type, spec] of Object.entries(config.on ?? {})) {
      (normalise(spec) ?? []).forEach((c, index) => {
        const guard = c.guard as string | undefined;
        const edge: Edge = {
          from: name,
          event: type,
          to: c.target as string,
          updates: c.update !== undefined,
          index,
          ...(guard === undefined ? {} : { guard }),
          ...(typeof c.description === 'string' ? { description: c.description } : {}),
          ...(isRecord(c.meta) ? { meta: c.meta } : {}),
        };
        edges.push(Object.freeze(edge));
      });
    }
    if (config.type === 'final') finals.push(name);
  }
  const eventTypes = Object.freeze(Object.keys(def.events));
  const machine = {
    id: def.id,
    version: def.version,
    initial: def.initial,
    states: Object.freeze(Object.keys(def.states)),
    events: eventTypes,
    finalStates: Object.freeze(finals),
    refusals: Object.freeze(Object.keys(def.refusals ?? {})),
    edges: Object.freeze(edges),
    definition: def,
  };
  const slot: TableSlot = { table: undefined, compile: () => compile(def, eventTypes) };
  Object.defineProperty(machine, compiled, { value: slot });
  return Object.freeze(machine);
}

/** Builds the lookup tables `transition`, `restoreSnapshot` and the readers run on. */
function compile(def: AnyMachineDefinition, eventTypes: readonly string[]): CompiledMachine {
  const guards = (def.guards ?? {}) as unknown as Record<string, Guard<unknown, unknown, string>>;
  const stateTable = new Map<string, CompiledState>();
  const events = new Map(Object.entries(def.events) as [string, Parser | null][]);
  const eventQuick = new Map(
    Object.entries(def.events).map(([type, schema]) => [type, quickCheck(schema, true)]),
  );
  for (const [name, config] of Object.entries(def.states)) {
    const routes = new Map<string, Route>();
    for (const [type, spec] of Object.entries(config.on ?? {})) {
      const candidates = (normalise(spec) ?? []).map((c): Candidate => {
        const guard = c.guard as string | undefined;
        return {
          target: c.target as string,
          targetFinal: def.states[c.target as string]?.type === 'final',
          guard,
          guardFn: guard === undefined ? undefined : guards[guard],
          update: c.update as Update<unknown, unknown, string> | undefined,
        };
      });
      // The definition checks guarantee a non-empty list.
      const first = candidates[0] as Candidate;
      routes.set(type, {
        type,
        bare: Object.freeze({ type }),
        candidates,
        first,
        direct: candidates.length === 1 && first.guardFn === undefined,
        schema: events.get(type) ?? null,
        quick: eventQuick.get(type),
        readsEvent: candidates.length > 1 || candidates.some((c) => c.guardFn || c.update),
        refusedPrefix: transitionMessages.refusedPrefix(name, type),
      });
    }
    const routeList = [...routes.values()];
    const allowed = Object.freeze([...routes.keys()]);
    stateTable.set(name, {
      name,
      final: config.type === 'final',
      allowed,
      unguarded: routeList.every((r) => r.candidates.every((c) => c.guardFn === undefined)),
      allowedTail: transitionMessages.allowedTail(allowed),
      routes,
      routeList,
    });
  }
  const invariants = Object.entries(def.invariants ?? {}) as [string, Invariant<string, unknown>][];
  return {
    states: stateTable,
    events,
    contextQuick: def.context === undefined ? undefined : quickCheck(def.context),
    eventTypes,
    context: def.context === undefined ? undefined : parserOf(def.context),
    updateSchema:
      def.validateUpdates === false || def.context === undefined
        ? undefined
        : parserOf(def.context),
    migrations: def.migrations ?? {},
    refusals: new Set(Object.keys(def.refusals ?? {})),
    invariants,
    checkInvariants: def.validateUpdates !== false && invariants.length > 0,
  };
}
