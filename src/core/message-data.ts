/**
 * @internal The data an issue's sentence was made from, kept on the issue itself. Split from
 * `messages.ts` so `transition` and `restore` attach it without pulling the English table and the
 * formatting code into every bundle: only {@link formatIssue} needs those.
 *
 * @module
 */
import { clip } from './errors.js';
import type { DescribedValue, IssueMessageData, IssueMessageKey } from './messages.js';

/** @internal Where an issue keeps the data its message was made from, when its fields lack it. */
const dataKey: unique symbol = Symbol.for('servicecraft.issueMessageData') as never;

/** @internal One sentence form with its data. */
export type KeyedData = {
  [K in IssueMessageKey]: { key: K; data: IssueMessageData[K] };
}[IssueMessageKey];

/**
 * @internal Attaches the data of the sentence an issue was worded with, as a non-enumerable
 * property: `toEqual`, `JSON.stringify` and spreading see the issue exactly as before.
 */
export function withMessageData<T extends object>(issue: T, keyed: KeyedData): T {
  Object.defineProperty(issue, dataKey, { value: keyed, enumerable: false });
  return issue;
}

/** @internal Describes a value for a sentence without keeping it (mirrors `describeValue`). */
export function describedValue(value: unknown): DescribedValue {
  if (value === null) return { kind: 'null', text: undefined };
  if (Array.isArray(value)) return { kind: 'array', text: undefined };
  if (typeof value === 'object') return { kind: 'object', text: undefined };
  if (typeof value === 'function') return { kind: 'function', text: undefined };
  if (typeof value === 'string') return { kind: 'string', text: clip(value, 60) };
  return { kind: typeof value, text: clip(String(value), 60) };
}

/** @internal The data attached by {@link withMessageData}, if any. */
export function messageDataOf(issue: object): KeyedData | undefined {
  return (issue as { [dataKey]?: KeyedData })[dataKey];
}
