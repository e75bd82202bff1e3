/**
 * Run in a worker thread by arbitraries.test.ts: generates 3000 arrays of ISO 10002 lifecycle
 * events and reports how many there were and how many payloads failed their schema. In a worker,
 * a generator that never returns (a filter retrying forever) leaves the test's thread free, so
 * the test's timeout turns the hang into a failure.
 */
import { parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import * as z from 'zod';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import { arbitraryEvent } from '../../src/fast-check/index.js';

const arrays = fc.sample(fc.array(arbitraryEvent(iso10002Lifecycle)), { numRuns: 3000, seed: 1 });
const events = arrays.flat();
let invalid = 0;
for (const event of events) {
  const { type, ...payload } = event as { type: string };
  const schema =
    iso10002Lifecycle.definition.events[type as keyof typeof iso10002Lifecycle.definition.events];
  if (schema !== null && schema !== undefined && !z.safeParse(schema, payload).success) invalid++;
}
// Refined values are not only the fixed samples: random ones that pass are kept too.
const currencies = new Set(
  events.flatMap((e) => {
    const closure = (e as { closure?: { amount?: { currency?: string } } }).closure;
    return closure?.amount?.currency === undefined ? [] : [closure.amount.currency];
  }),
);
parentPort?.postMessage({ arrays: arrays.length, invalid, currencies: currencies.size > 1 });
