/** Runs one section's `measure()` in this process and prints its numbers as one JSON line. */
import type { Bench } from './harness.js';

const name = process.argv[2];
const mod = (await import(`./${name}.js`)) as { bench: Bench };
const sample = await mod.bench.measure();
process.stdout.write(`\n@@sample ${JSON.stringify(sample)}\n`);
