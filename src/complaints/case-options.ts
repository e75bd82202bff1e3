/**
 * Checks the options of `createComplaintCase` once, reporting every problem together.
 *
 * @module
 */
import type { RuleSettings } from './case-rules.js';
import { type BusinessCalendar, type ComplaintDeadlines, durationSchema } from './deadlines.js';
import { isCurrencyCode } from './money.js';

/** @internal Throws a RangeError listing every invalid option. */
export function checkOptions(
  settings: RuleSettings,
  deadlines: ComplaintDeadlines,
  calendar: BusinessCalendar,
): void {
  const problems: string[] = [];
  const { ladder, limits } = settings;
  if (!Array.isArray(ladder) || ladder.length === 0) {
    problems.push('ladder must list at least one level, lowest first');
  } else {
    if (ladder.some((level) => typeof level !== 'string' || level.trim() === '')) {
      problems.push('every ladder level must be a non-empty string');
    }
    if (new Set(ladder).size !== ladder.length)
      problems.push(`ladder levels must be distinct, received ${ladder.join(', ')}`);
  }
  if (!isCurrencyCode(limits.currency)) {
    problems.push(
      `limits.currency ${JSON.stringify(limits.currency)} is not a known ISO 4217 code`,
    );
  }
  for (const [level, amount] of Object.entries(limits.amounts as Record<string, unknown>)) {
    if (!ladder.includes(level))
      problems.push(`limits.amounts names '${level}', which is not on the ladder`);
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
      problems.push(
        `limits.amounts.${level} must be a non-negative whole number of minor units, received ${String(amount)}`,
      );
    }
  }
  for (const key of ['acknowledge', 'respond', 'urgentRespond'] as const) {
    if (!durationSchema.safeParse(deadlines[key]).success) {
      problems.push(
        `deadlines.${key} must be whole non-negative milliseconds or { days, hours, minutes }`,
      );
    }
  }
  if (typeof calendar?.addWorkingTime !== 'function')
    problems.push('calendar must have an addWorkingTime function');
  if (!Number.isSafeInteger(settings.failedAttemptLimit) || settings.failedAttemptLimit < 1) {
    problems.push(
      `failedAttemptLimit must be a positive whole number, received ${settings.failedAttemptLimit}`,
    );
  }
  const t = settings.confidenceThreshold;
  if (typeof t !== 'number' || !(t > 0 && t <= 1)) {
    problems.push(`confidenceThreshold must be above 0 and at most 1, received ${String(t)}`);
  }
  if (problems.length > 0) {
    throw new RangeError(
      `Invalid complaint-case options:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
