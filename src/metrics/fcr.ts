/**
 * First-contact resolution: the share of contacts resolved at the first contact. The method is
 * always explicit, because the three common ways of measuring it give different numbers: the
 * agent's disposition, the absence of a repeat contact within a window, or the customer's survey
 * answer.
 *
 * @module
 */
import * as z from 'zod';
import { MetricError, parseOrThrow, show } from './errors.js';
import {
  checkWindow,
  type FcrRepeatAccumulator,
  type FcrRepeatContact,
  readRepeatAccumulator,
  repeatAccumulatorSchema,
  repeatAdd,
  repeatBatch,
  repeatMerge,
  repeatSettle,
  settleStored,
} from './fcr-repeat.js';
import { isObj, readOrThrow } from './read.js';
import { type EmptyResult, type Fraction, isCount, type Share, shareOf } from './shared.js';

/**
 * How FCR is measured.
 *
 * - `disposition`: the agent marks each contact resolved or not when it ends.
 * - `repeat`: a contact is resolved when the same customer (about the same issue, when issues
 *   are given) does not come back within `windowMs`; the window is required.
 * - `survey`: the customer says whether the issue was resolved; unanswered surveys are excluded.
 *
 * @category Metrics
 */
export type FcrMethod =
  | {
      /** The agent's verdict. */
      readonly method: 'disposition';
    }
  | {
      /** The customer's survey answer. */
      readonly method: 'survey';
    }
  | {
      /** No repeat contact within a window. */
      readonly method: 'repeat';
      /** The window in milliseconds (a whole number above 0); required. */
      readonly windowMs: number;
    };

/**
 * A contact for the disposition method: the agent's verdict.
 *
 * @category Metrics
 */
export interface FcrDispositionContact {
  /** Whether the agent marked the contact resolved at first contact. */
  readonly resolved: boolean;
}

/**
 * A contact for the survey method: the customer's answer, or `null` when they did not answer.
 *
 * @category Metrics
 */
export interface FcrSurveyContact {
  /** The customer's answer to "was your issue resolved?", `null` when unanswered. */
  readonly resolved: boolean | null;
}

/**
 * The running state of the disposition and survey methods: plain JSON, storable and mergeable.
 *
 * @category Metrics
 */
export interface FcrCountAccumulator {
  /** Always `'fcr'`. */
  readonly kind: 'fcr';
  /** The method. */
  readonly method: 'disposition' | 'survey';
  /** Contacts resolved at first contact. */
  resolved: number;
  /** Contacts not resolved at first contact. */
  unresolved: number;
  /** Surveys without an answer (always 0 for the disposition method). */
  excluded: number;
}

/**
 * A running FCR tally for one method.
 *
 * @category Metrics
 */
export type FcrAccumulator = FcrCountAccumulator | FcrRepeatAccumulator;

/**
 * An FCR over at least one decided contact.
 *
 * @category Metrics
 */
export interface FcrRate {
  /** Always `'rate'`. */
  readonly kind: 'rate';
  /** The method the numbers come from. */
  readonly method: FcrMethod['method'];
  /** Contacts counted: the denominator. */
  readonly contacts: number;
  /** Contacts resolved at first contact. */
  readonly resolved: Share;
  /** Contacts that were not. */
  readonly unresolved: Share;
  /** 100 × resolved / contacts, unrounded. */
  readonly percent: number;
  /** resolved / contacts, exactly. */
  readonly fraction: Fraction;
  /** Contacts left out: unanswered surveys, or repeat-method contacts whose window is still open. */
  readonly excluded: number;
}

/**
 * The result of {@link fcr}: a rate, or the explicit empty variant when no contact was decided.
 *
 * @category Metrics
 */
export type FcrResult =
  | (EmptyResult & {
      /** The method. */
      readonly method: FcrMethod['method'];
      /** No contact was decided. */
      readonly contacts: 0;
      /** Contacts left out: unanswered, or still inside the window. */
      readonly excluded: number;
    })
  | FcrRate;

/**
 * Options for {@link fcr} and {@link fcrResult}.
 *
 * @category Metrics
 */
export interface FcrOptions {
  /**
   * Repeat method only: the epoch ms up to which contacts were collected. A last contact whose
   * window reaches past it is excluded as pending instead of counted as resolved. Without it, the
   * data is taken as complete.
   */
  readonly observedUntil?: number;
}

const methodSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('disposition') }),
  z.object({ method: z.literal('survey') }),
  z.object({ method: z.literal('repeat'), windowMs: z.unknown() }),
]);

function parseMethod(method: unknown): FcrMethod {
  const m = parseOrThrow(
    methodSchema,
    method,
    'INVALID_OPTIONS',
    'The FCR method',
    "Pass { method: 'disposition' }, { method: 'survey' } or { method: 'repeat', windowMs }.",
  );
  return m.method === 'repeat' ? { method: 'repeat', windowMs: checkWindow(m.windowMs) } : m;
}

/**
 * Makes an empty FCR accumulator for one method.
 *
 * @example
 * ```ts
 * import { fcrAccumulator, fcrAdd, fcrResult } from 'servicecraft/metrics';
 *
 * const day = 86_400_000;
 * const acc = fcrAccumulator({ method: 'repeat', windowMs: 7 * day });
 * fcrAdd(acc, { customer: 'c1', at: 0 });
 * fcrAdd(acc, { customer: 'c1', at: 2 * day }); // a repeat: the first contact was not resolved
 * fcrResult(acc); // { kind: 'rate', contacts: 2, percent: 50, ... }
 * ```
 *
 * @param method - The method; the repeat method needs `windowMs`.
 * @returns An accumulator with zero counts.
 * @throws {@link MetricError} `INVALID_OPTIONS` for an unknown method or a missing window.
 * @category Metrics
 */
export function fcrAccumulator(method: FcrMethod): FcrAccumulator {
  const m = parseMethod(method);
  if (m.method === 'repeat') {
    return {
      kind: 'fcr',
      method: 'repeat',
      windowMs: m.windowMs,
      resolved: 0,
      unresolved: 0,
      open: {},
    };
  }
  return { kind: 'fcr', method: m.method, resolved: 0, unresolved: 0, excluded: 0 };
}

const accepted = {
  disposition: 'A disposition contact is { resolved: true | false }.',
  survey: 'A survey contact is { resolved: true | false | null } (null when unanswered).',
  repeat:
    'A repeat-method contact is { customer: non-empty string, at: epoch ms (whole number ≥ 0), issue?: non-empty string }.',
};

/**
 * Adds one contact in place; a rejected contact leaves the accumulator unchanged. For the repeat
 * method, each customer's contacts must arrive in time order.
 *
 * @example
 * ```ts
 * import { fcrAccumulator, fcrAdd } from 'servicecraft/metrics';
 *
 * const acc = fcrAccumulator({ method: 'survey' });
 * fcrAdd(acc, { resolved: true });
 * fcrAdd(acc, { resolved: null }); // unanswered: excluded
 * ```
 *
 * @param acc - The accumulator to change.
 * @param contact - A contact of the accumulator's method.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming the value and its index; `OUT_OF_ORDER`.
 * @category Metrics
 */
export function fcrAdd(
  acc: FcrAccumulator,
  contact: FcrDispositionContact | FcrSurveyContact | FcrRepeatContact,
): void {
  if (acc.method === 'repeat') {
    repeatAdd(acc, contact as FcrRepeatContact);
    return;
  }
  const resolved = (contact as { resolved?: unknown } | null)?.resolved;
  if (resolved === true) acc.resolved += 1;
  else if (resolved === false) acc.unresolved += 1;
  else if (resolved === null && acc.method === 'survey') acc.excluded += 1;
  else {
    const index = acc.resolved + acc.unresolved + acc.excluded;
    throw new MetricError(
      'INVALID_RESPONSE',
      `FCR rejected a value: index ${index} has resolved = ${show(resolved)}. ${accepted[acc.method]}`,
      [{ path: [index, 'resolved'], value: resolved, message: 'not an allowed verdict' }],
    );
  }
}

const countSchema = z.object({
  kind: z.literal('fcr'),
  method: z.enum(['disposition', 'survey']),
  resolved: z.int().nonnegative(),
  unresolved: z.int().nonnegative(),
  excluded: z.int().nonnegative(),
});

/** @internal The stored accumulator's schema; {@link readFcrAccumulator} is its fast twin. */
export const fcrAccumulatorSchema = z.union([countSchema, repeatAccumulatorSchema]);

/**
 * @internal Accepts exactly what {@link fcrAccumulatorSchema} accepts and returns the same output
 * (a fresh copy); `undefined` where the schema rejects.
 */
export function readFcrAccumulator(value: unknown): FcrAccumulator | undefined {
  if (!isObj(value) || value.kind !== 'fcr') return undefined;
  const method = value.method;
  if (method === 'repeat') return readRepeatAccumulator(value);
  if (method !== 'disposition' && method !== 'survey') return undefined;
  const { resolved, unresolved, excluded } = value;
  return isCount(resolved) && isCount(unresolved) && isCount(excluded)
    ? { kind: 'fcr', method, resolved, unresolved, excluded }
    : undefined;
}

function parseAccumulator(value: unknown): FcrAccumulator {
  return readOrThrow(
    readFcrAccumulator,
    fcrAccumulatorSchema,
    value,
    'INVALID_ACCUMULATOR',
    'The FCR accumulator',
    'Make accumulators with fcrAccumulator(method) and change them only with fcrAdd.',
  );
}

/**
 * Combines two accumulators of the same method (and window) into a new one; neither changes.
 * Repeat-method shards must not interleave in time for any one customer: split by customer, or by
 * consecutive time ranges.
 *
 * @example
 * ```ts
 * import { fcrAccumulator, fcrAdd, fcrMerge } from 'servicecraft/metrics';
 *
 * const a = fcrAccumulator({ method: 'disposition' });
 * const b = fcrAccumulator({ method: 'disposition' });
 * fcrAdd(a, { resolved: true });
 * fcrAdd(b, { resolved: false });
 * fcrMerge(a, b); // { kind: 'fcr', method: 'disposition', resolved: 1, unresolved: 1, excluded: 0 }
 * ```
 *
 * @param a - An accumulator (validated: it may come from storage).
 * @param b - Another accumulator of the same method.
 * @returns A new accumulator.
 * @throws {@link MetricError} `INCOMPATIBLE_ACCUMULATORS` for different methods, windows or
 *   interleaving shards; `INVALID_ACCUMULATOR`.
 * @category Metrics
 */
export function fcrMerge(a: FcrAccumulator, b: FcrAccumulator): FcrAccumulator {
  const merged = mergeCounts(a, b);
  if (merged !== undefined) return merged;
  const left = parseAccumulator(a);
  const right = parseAccumulator(b);
  if (left.method === 'repeat' && right.method === 'repeat') return repeatMerge(left, right);
  if (left.method === 'repeat' || right.method === 'repeat' || left.method !== right.method) {
    throw new MetricError(
      'INCOMPATIBLE_ACCUMULATORS',
      `FCR accumulators of different methods (${left.method} and ${right.method}) cannot be merged; the methods measure different things, so report them apart.`,
    );
  }
  return {
    kind: 'fcr',
    method: left.method,
    resolved: left.resolved + right.resolved,
    unresolved: left.unresolved + right.unresolved,
    excluded: left.excluded + right.excluded,
  };
}

/**
 * The hot path of {@link fcrMerge}: two count accumulators (disposition or survey) of one method,
 * each key read once into a local and checked by {@link readFcrAccumulator}'s rules, merged with
 * no intermediate copies. `undefined` for anything else (a repeat accumulator, different methods,
 * any malformed value), which takes the full path: reader or zod, then the described error.
 */
function mergeCounts(a: unknown, b: unknown): FcrCountAccumulator | undefined {
  if (!isObj(a) || !isObj(b) || a.kind !== 'fcr' || b.kind !== 'fcr') return undefined;
  const method = a.method;
  if ((method !== 'disposition' && method !== 'survey') || b.method !== method) return undefined;
  const resolvedA = a.resolved;
  const unresolvedA = a.unresolved;
  const excludedA = a.excluded;
  const resolvedB = b.resolved;
  const unresolvedB = b.unresolved;
  const excludedB = b.excluded;
  return isCount(resolvedA) &&
    isCount(unresolvedA) &&
    isCount(excludedA) &&
    isCount(resolvedB) &&
    isCount(unresolvedB) &&
    isCount(excludedB)
    ? {
        kind: 'fcr',
        method,
        resolved: resolvedA + resolvedB,
        unresolved: unresolvedA + unresolvedB,
        excluded: excludedA + excludedB,
      }
    : undefined;
}

/**
 * Computes FCR from an accumulator.
 *
 * @example
 * ```ts
 * import { fcrAccumulator, fcrResult } from 'servicecraft/metrics';
 *
 * fcrResult(fcrAccumulator({ method: 'survey' }));
 * // { kind: 'empty', method: 'survey', contacts: 0, excluded: 0 }
 * ```
 *
 * @param acc - An accumulator (validated: it may come from storage).
 * @param options - For the repeat method, when collection stopped.
 * @returns The rate, or the empty variant.
 * @throws {@link MetricError} `INVALID_ACCUMULATOR`; `INVALID_OPTIONS` for a bad `observedUntil`.
 * @category Metrics
 */
export function fcrResult(acc: FcrAccumulator, options?: FcrOptions): FcrResult {
  const observedUntil = options?.observedUntil;
  // The hot paths read a stored accumulator key by key without copying it (nor, for the repeat
  // method, its open contacts); anything they do not take goes the full path below.
  const settled = settleStored(acc, observedUntil);
  if (settled !== undefined) {
    return rate('repeat', settled.resolved, settled.unresolved, settled.pending);
  }
  if (isObj(acc) && acc.kind === 'fcr') {
    const { method, resolved, unresolved, excluded } = acc as Record<string, unknown>;
    if (
      (method === 'disposition' || method === 'survey') &&
      isCount(resolved) &&
      isCount(unresolved) &&
      isCount(excluded)
    ) {
      if (observedUntil !== undefined) throw repeatOnly(method, observedUntil);
      return rate(method, resolved, unresolved, excluded);
    }
  }
  const parsed = parseAccumulator(acc);
  if (parsed.method !== 'repeat') {
    if (observedUntil !== undefined) throw repeatOnly(parsed.method, observedUntil);
    return rate(parsed.method, parsed.resolved, parsed.unresolved, parsed.excluded);
  }
  const { resolved, unresolved, pending } = repeatSettle(parsed, observedUntil);
  return rate('repeat', resolved, unresolved, pending);
}

function repeatOnly(method: string, observedUntil: unknown): MetricError {
  return new MetricError(
    'INVALID_OPTIONS',
    `FCR option observedUntil applies to the repeat method only, not to ${method}; leave it out.`,
    [{ path: ['observedUntil'], value: observedUntil, message: 'repeat method only' }],
  );
}

function rate(
  method: FcrMethod['method'],
  resolved: number,
  unresolved: number,
  excluded: number,
): FcrResult {
  const contacts = resolved + unresolved;
  if (contacts === 0) return { kind: 'empty', method, contacts: 0, excluded };
  return {
    kind: 'rate',
    method,
    contacts,
    resolved: shareOf(resolved, contacts),
    unresolved: shareOf(unresolved, contacts),
    percent: (100 * resolved) / contacts,
    fraction: { numerator: resolved, denominator: contacts },
    excluded,
  };
}

/**
 * Computes first-contact resolution over a batch, by an explicit method.
 *
 * @example
 * ```ts
 * import { fcr } from 'servicecraft/metrics';
 *
 * fcr([{ resolved: true }, { resolved: false }], { method: 'disposition' }); // 50 %
 * const day = 86_400_000;
 * fcr(
 *   [
 *     { customer: 'ana', at: 0 },
 *     { customer: 'ana', at: 3 * day }, // ana came back: her first contact was not resolved
 *     { customer: 'bo', at: day },
 *   ],
 *   { method: 'repeat', windowMs: 7 * day },
 * ); // 2 of 3 resolved
 * ```
 *
 * @param contacts - Contacts of the method's shape; repeat-method contacts may come in any order.
 * @param method - The method, with `windowMs` for the repeat method.
 * @param options - For the repeat method, when collection stopped.
 * @returns The rate, or the empty variant.
 * @throws {@link MetricError} `INVALID_RESPONSE` naming each bad value and its index; `INVALID_OPTIONS`.
 * @category Metrics
 */
export function fcr(
  contacts: readonly FcrRepeatContact[],
  method: { readonly method: 'repeat'; readonly windowMs: number },
  options?: FcrOptions,
): FcrResult;
export function fcr(
  contacts: readonly FcrDispositionContact[],
  method: { readonly method: 'disposition' },
): FcrResult;
export function fcr(
  contacts: readonly FcrSurveyContact[],
  method: { readonly method: 'survey' },
): FcrResult;
export function fcr(
  contacts: readonly unknown[],
  method: FcrMethod,
  options?: FcrOptions,
): FcrResult {
  const acc = fcrAccumulator(method);
  if (acc.method === 'repeat') {
    repeatBatch(acc, contacts, accepted.repeat);
  } else {
    const verdict = acc.method === 'survey' ? z.boolean().nullable() : z.boolean();
    const valid = parseOrThrow(
      z.array(z.object({ resolved: verdict })),
      contacts,
      'INVALID_RESPONSE',
      'FCR',
      accepted[acc.method],
    );
    for (const contact of valid) fcrAdd(acc, contact);
  }
  return fcrResult(acc, options);
}
