/**
 * `npm run demo`: walks realistic scenarios through every part of servicecraft and prints a
 * readable trace. Each section lives in its own file beside this one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const sections: [file: string, title: string][] = [
  ['core', 'Core engine'],
  ['frameworks', 'Service frameworks and conformance'],
  ['frameworks-policies', 'Service frameworks: a returns policy with data guards'],
  ['complaints', 'Complaint handling and escalation'],
  ['time', 'Working time: a working-day deadline and a wake-up'],
  ['loyalty', 'Loyalty tiers and points'],
  ['metrics', 'Service metrics'],
];

const log = (line: string) => console.log(line);
for (const [file, title] of sections) {
  if (!existsSync(join(import.meta.dirname, `${file}.ts`))) continue;
  const { run } = (await import(`./${file}.js`)) as { run: (log: (line: string) => void) => void };
  console.log(`\n=== ${title} ===\n`);
  run(log);
}
