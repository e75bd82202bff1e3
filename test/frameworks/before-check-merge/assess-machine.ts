// A copy of src/frameworks/assess-machine.ts as it was before its zod check chains were merged into one
// `.check(...)` each (for import speed). Tests only: the twin tests compare its schemas with the
// current ones. Do not edit, except to delete it with those tests.
/**
 * Scoring a recorded event log against any machine made with `defineMachine` (not only a
 * framework): each event goes through the core `transition`, refused events are listed with their
 * code and reason, and the walk continues from the last accepted snapshot.
 *
 * @module
 */
import * as z from 'zod';
import { clip } from '../../../src/core/errors.js';
import {
  type AnyMachine,
  type EventObject,
  initialSnapshot,
  isSnapshotError,
  type Machine,
  type Refusal,
  type Snapshot,
  type SnapshotStatus,
  type TransitionErrorCode,
  transition,
} from '../../../src/core/index.js';
import type { AssessmentIssue } from './record.js';

/**
 * An event log for a plain machine: the events as they were sent, oldest first, with the machine's
 * initial input when it takes one.
 *
 * @category Frameworks
 */
export interface MachineRecord {
  /** The id of the machine the log was recorded against; checked when given. */
  readonly machine?: string | undefined;
  /** An id for the interaction, echoed on the scorecard. */
  readonly id?: string | undefined;
  /** The initial context input, as given to `initialSnapshot(machine, input)`. */
  readonly input?: unknown;
  /** The events, each with a string `type` and the payload the machine expects. */
  readonly events: readonly EventObject[];
}

/**
 * The schema of a {@link MachineRecord}. Payloads are not checked here: the machine checks each
 * event when it is replayed, and a bad one is listed as refused.
 *
 * @example
 * ```ts
 * import { machineRecordSchema } from 'servicecraft/frameworks';
 *
 * machineRecordSchema.parse({ machine: 'desk', events: [{ type: 'OPEN', at: 0 }] });
 * ```
 *
 * @category Frameworks
 */
export const machineRecordSchema: z.ZodType<MachineRecord> = z.strictObject({
  machine: z.string().min(1).max(200).optional(),
  id: z.string().min(1).max(200).optional(),
  input: z.unknown().optional(),
  events: z.array(z.looseObject({ type: z.string().min(1).max(200) })),
});

/**
 * An event of the log the machine did not accept. The walk went on from the snapshot before it.
 *
 * @category Frameworks
 */
export interface RefusedEvent<S extends string = string, R extends string = string> {
  /** The index of the event in the log. */
  readonly index: number;
  /** The event's type. */
  readonly type: string;
  /** The state the machine was in when it refused the event. */
  readonly state: S;
  /** The core transition code (`REFUSED`, `EVENT_NOT_ALLOWED`, `GUARD_REJECTED`, ...). */
  readonly code: TransitionErrorCode;
  /** The transition's sentence. */
  readonly message: string;
  /** For `REFUSED`: the machine's own refusal code, sentence and details; otherwise `null`. */
  readonly reason: Refusal<R> | null;
}

/**
 * What {@link assessInteraction} reports for an event log replayed through a plain machine.
 *
 * @category Frameworks
 */
export interface MachineScorecard<
  S extends string = string,
  C = unknown,
  R extends string = string,
> {
  /** The machine id. */
  readonly machine: string;
  /** The record's id, when it had one. */
  readonly record: string | null;
  /** `⌊100 × accepted / events⌋`, 100 for an empty log (nothing was refused). */
  readonly score: number;
  /** How many events the machine accepted. */
  readonly accepted: number;
  /** The types of the accepted events, in order. */
  readonly sequence: readonly string[];
  /** The state after each accepted event, in order. */
  readonly path: readonly S[];
  /** The events the machine refused, in log order. */
  readonly refused: readonly RefusedEvent<S, R>[];
  /** The last accepted snapshot. */
  readonly snapshot: Snapshot<S, C>;
  /** The state where the walk stopped. */
  readonly state: S;
  /** The status where the walk stopped (`'done'` once a final state was reached). */
  readonly status: SnapshotStatus;
  /** The numeric `at` of the first accepted event that has one, or `null`. */
  readonly startedAt: number | null;
  /** The numeric `at` of the last accepted event that has one, or `null`. */
  readonly endedAt: number | null;
  /** `endedAt − startedAt`, or `null` when the accepted events carry no `at`. */
  readonly durationMs: number | null;
}

/**
 * The result of {@link assessInteraction} for a plain machine.
 *
 * @category Frameworks
 */
export type MachineAssessmentResult<
  S extends string = string,
  C = unknown,
  R extends string = string,
> =
  | {
      /** The log could be read. */
      readonly ok: true;
      /** What the log shows. */
      readonly scorecard: MachineScorecard<S, C, R>;
    }
  | {
      /** The log could not be read. */
      readonly ok: false;
      /** Why, with a code and a sentence. */
      readonly error: AssessmentIssue;
    };

type Snap = Snapshot<string, unknown>;
type AnyM = Machine<string, EventObject, unknown, EventObject, string>;

const atOf = (event: EventObject): number | null => {
  const at = (event as { at?: unknown }).at;
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
};

/** @internal The plain-machine path of `assessInteraction`. */
export function assessMachine(machine: AnyMachine, value: unknown): MachineAssessmentResult {
  const m = machine as unknown as AnyM;
  const parsed = machineRecordSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'INVALID_RECORD',
        message: `The record is not a valid event log (${clip(detail, 500)}); expected { events: [{ type, ...payload }] }.`,
        issues: parsed.error.issues,
      },
    };
  }
  const record = parsed.data;
  if (record.machine !== undefined && record.machine !== m.id) {
    return {
      ok: false,
      error: {
        code: 'WRONG_MACHINE',
        message: `The record was made with machine '${clip(record.machine, 80)}', not '${m.id}'; assess it against that machine or correct its machine field.`,
      },
    };
  }
  let snap: Snap;
  try {
    snap = initialSnapshot(m, record.input) as Snap;
  } catch (error) {
    if (!isSnapshotError(error)) throw error;
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `The record's input does not start machine '${m.id}': ${clip(error.message, 500)}`,
        issues: error.issue.issues,
      },
    };
  }
  const sequence: string[] = [];
  const path: string[] = [];
  const refused: RefusedEvent[] = [];
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  for (const [index, event] of record.events.entries()) {
    const result = transition(m, snap, event);
    if (result.ok) {
      snap = result.snapshot as Snap;
      sequence.push(event.type);
      path.push(snap.state);
      const at = atOf(event);
      if (at !== null) {
        startedAt = startedAt ?? at;
        endedAt = at;
      }
      continue;
    }
    const reason = result.error.reason;
    refused.push({
      index,
      type: clip(event.type, 200),
      state: snap.state,
      code: result.error.code,
      message: result.error.message,
      reason:
        reason === undefined
          ? null
          : {
              code: reason.code,
              message: reason.message,
              ...(reason.details === undefined ? {} : { details: reason.details }),
            },
    });
  }
  const total = record.events.length;
  return {
    ok: true,
    scorecard: {
      machine: m.id,
      record: record.id ?? null,
      score: total === 0 ? 100 : Math.floor((100 * sequence.length) / total),
      accepted: sequence.length,
      sequence,
      path,
      refused,
      snapshot: snap,
      state: snap.state,
      status: snap.status,
      startedAt,
      endedAt,
      durationMs: startedAt === null || endedAt === null ? null : endedAt - startedAt,
    },
  };
}

/** @internal Whether a value looks like a compiled framework rather than a machine. */
export function isFrameworkValue(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { steps?: unknown }).steps) &&
    typeof (value as { machine?: unknown }).machine === 'object' &&
    typeof (value as { spec?: unknown }).spec === 'object'
  );
}
