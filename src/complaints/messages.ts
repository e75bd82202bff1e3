/**
 * The sentences a complaint's customer reads, as a table an app can replace: one function per
 * stage, each given typed data (the reference, dates and amounts already formatted for the
 * locale), so a translation is checked by the compiler and cannot forget a placeholder.
 *
 * @module
 */
import { UsageError } from '../core/errors.js';
import { checkTable, sayWith } from '../core/message-table.js';
import type { ClosureReason } from './closure.js';
import { formatMoney } from './money.js';
import type { ComplaintStage } from './status.js';

/**
 * The keys of a {@link ComplaintStatusMessages} table: one per customer-facing stage (the
 * {@link ComplaintStage} values).
 *
 * @category Complaints
 */
export type ComplaintStatusMessageKey = ComplaintStage;

/**
 * What every message after receipt may mention, formatted for the locale.
 *
 * @category Complaints
 */
export interface ComplaintMessageBase {
  /** The complaint reference. */
  readonly reference: string;
  /** The day it was received, e.g. `'5 March 2026'` in `en-GB`. */
  readonly receivedOn: string;
  /** The day a decision is promised by, or `null` when no deadline was set. */
  readonly dueDate: string | null;
  /** The locale the dates and amounts were formatted for. */
  readonly locale: string;
}

/**
 * What a message about a communicated decision may mention.
 *
 * @category Complaints
 */
export interface ComplaintDecisionMessageData extends ComplaintMessageBase {
  /** The decision as recorded (its `kind` says what was decided). */
  readonly decision: ClosureReason | null;
  /** The remedy amount formatted for the locale when the decision pays money, else `null`. */
  readonly remedy: string | null;
}

/**
 * The data each message receives, by key.
 *
 * @category Complaints
 */
export interface ComplaintStatusMessageData {
  /** Nothing is known before receipt. */
  readonly notReceived: {
    /** The locale the message is to be written for. */
    readonly locale: string;
  };
  /** Received, not yet acknowledged. */
  readonly received: ComplaintMessageBase;
  /** Acknowledged and being assessed. */
  readonly acknowledged: ComplaintMessageBase;
  /** Under investigation. */
  readonly underInvestigation: ComplaintMessageBase;
  /** Decided (or awaiting approval), not yet sent. */
  readonly decisionPending: ComplaintMessageBase;
  /** The decision was sent. */
  readonly decisionSent: ComplaintDecisionMessageData;
  /** The customer did not accept; recourse was offered. */
  readonly openWithRecourse: ComplaintDecisionMessageData & {
    /** The recourse offered, as recorded. */
    readonly recourse: readonly string[];
  };
  /** Closed. */
  readonly closed: ComplaintDecisionMessageData;
}

/**
 * A table of customer-facing sentences: every {@link ComplaintStatusMessageKey}, each a function
 * of its {@link ComplaintStatusMessageData}. Pass one to `complaintStatus(snapshot, { messages })`.
 *
 * @example
 * ```ts
 * import {
 *   complaintStatusMessagesEn,
 *   type ComplaintStatusMessages,
 * } from 'servicecraft/complaints';
 *
 * const mine: ComplaintStatusMessages = {
 *   ...complaintStatusMessagesEn,
 *   received: ({ reference, receivedOn }) => `Thanks! We logged ${reference} on ${receivedOn}.`,
 * };
 * ```
 *
 * @category Complaints
 */
export type ComplaintStatusMessages = {
  readonly [K in ComplaintStatusMessageKey]: (data: ComplaintStatusMessageData[K]) => string;
};

/**
 * The English sentences `complaintStatus` uses when the app supplies none (the sentences it has
 * always returned).
 *
 * @example
 * ```ts
 * import { complaintStatusMessagesEn } from 'servicecraft/complaints';
 *
 * complaintStatusMessagesEn.closed({
 *   reference: 'C-7', receivedOn: '1 March 2026', dueDate: null, locale: 'en',
 *   decision: null, remedy: null,
 * }); // 'Your complaint is closed.'
 * ```
 *
 * @category Complaints
 */
export const complaintStatusMessagesEn: ComplaintStatusMessages = Object.freeze({
  notReceived: () => 'We have not received this complaint yet.',
  received: () => 'We have received your complaint and will acknowledge it shortly.',
  acknowledged: () => 'We have acknowledged your complaint and are assessing it.',
  underInvestigation: () => 'We are investigating your complaint.',
  decisionPending: () => 'We have reached a decision and are preparing to send it to you.',
  decisionSent: () => 'We have sent you our decision; please tell us whether you accept it.',
  openWithRecourse: () =>
    'You did not accept our decision; your complaint stays open and you may use the recourse we listed.',
  closed: () => 'Your complaint is closed.',
});

/** Every key, for the run-time check of a supplied table. */
const keys: readonly ComplaintStatusMessageKey[] = Object.keys(
  complaintStatusMessagesEn,
) as ComplaintStatusMessageKey[];

/**
 * How `complaintStatus` words its sentence.
 *
 * @category Complaints
 */
export interface ComplaintStatusOptions {
  /** The sentences (a complete table; spread {@link complaintStatusMessagesEn} to change a few). */
  readonly messages?: ComplaintStatusMessages;
  /** The BCP 47 locale for dates and amounts (default `'en'`). */
  readonly locale?: string;
  /** The IANA time zone the dates are shown in (default `'UTC'`). */
  readonly timeZone?: string;
}

/** @internal The checked options with defaults filled in. */
export interface ResolvedStatusOptions {
  readonly messages: ComplaintStatusMessages;
  readonly locale: string;
  readonly date: (at: number) => string;
}

/**
 * @internal Checks `complaintStatus` options: a table missing a key, an ill-formed locale or an
 * unknown time zone is a usage error naming what is wrong.
 */
export function resolveStatusOptions(
  options: ComplaintStatusOptions | undefined,
): ResolvedStatusOptions {
  const messages =
    options?.messages === undefined
      ? complaintStatusMessagesEn
      : checkTable<ComplaintStatusMessages>(
          'complaintStatus',
          options.messages,
          keys,
          'complaintStatusMessagesEn',
        );
  const locale = options?.locale ?? 'en';
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeZone: options?.timeZone ?? 'UTC',
    });
  } catch {
    const which = options?.timeZone === undefined ? 'locale' : 'locale or time zone';
    throw new UsageError(
      `Invalid options for complaintStatus: the ${which} is not valid (locale ${JSON.stringify(String(locale)).slice(0, 60)}${options?.timeZone === undefined ? '' : `, time zone ${JSON.stringify(String(options.timeZone)).slice(0, 60)}`}); use a BCP 47 tag such as 'de-DE' and an IANA zone such as 'Europe/Berlin'.`,
      [{ path: ['locale'], message: 'not a valid locale or time zone' }],
    );
  }
  return { messages, locale, date: (at) => format.format(at) };
}

/** @internal The remedy of a decision, formatted for the locale, or `null`. */
export function remedyText(decision: ClosureReason | null, locale: string): string | null {
  return decision?.kind === 'monetaryRemedy' ? formatMoney(decision.amount, { locale }) : null;
}

/**
 * @internal Calls a message function and checks it returned a string (a table returning anything
 * else is a bug in the app's table, reported as a usage error).
 */
export function say<K extends ComplaintStatusMessageKey>(
  messages: ComplaintStatusMessages,
  key: K,
  data: ComplaintStatusMessageData[K],
): string {
  return sayWith('complaintStatus', messages as never, key, data);
}
