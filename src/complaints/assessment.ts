/**
 * The priority an ISO 10002 initial assessment gives a complaint.
 *
 * @module
 */
import type { Assessment, Rating } from './case-types.js';

const order: readonly Rating[] = ['low', 'medium', 'high', 'critical'];

/**
 * The priority of an assessed complaint: the highest of its severity, its urgency and its safety
 * risk, where a safety risk weighs one step more (`high` safety is `critical` priority; `medium`
 * safety is `high`). Complexity and impact shape the investigation, not its priority. A complaint
 * of `critical` priority takes the urgent track.
 *
 * @example
 * ```ts
 * import { assessmentPriority } from 'servicecraft/complaints';
 *
 * const base = { severity: 'low', complexity: 'low', impact: 'low', urgency: 'low' } as const;
 * assessmentPriority({ ...base, safety: 'low' }); // 'low'
 * assessmentPriority({ ...base, severity: 'high', safety: 'low' }); // 'high'
 * assessmentPriority({ ...base, safety: 'high' }); // 'critical': a safety risk comes first
 * ```
 *
 * @param assessment - The five criteria.
 * @returns `'low'`, `'medium'`, `'high'` or `'critical'`.
 * @category Complaints
 */
export function assessmentPriority(
  assessment: Pick<Assessment, 'severity' | 'urgency' | 'safety'>,
): Rating {
  const safety = Math.min(
    order.indexOf(assessment.safety) + (assessment.safety === 'low' ? 0 : 1),
    3,
  );
  const rank = Math.max(
    order.indexOf(assessment.severity),
    order.indexOf(assessment.urgency),
    safety,
  );
  return order[Math.max(0, rank)] ?? 'low';
}
