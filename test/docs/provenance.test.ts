/**
 * Provenance in public text: sources are cited by what a reader can look up (a title, an author
 * or publisher, a standard, a vendor's documentation), never by the project's internal working
 * files. Two checks:
 *
 * - every file of src/, docs/guides/, examples/ and the README is free of internal file names
 *   (the numbered working copies of the reference articles, and the project's own notes) and of
 *   the word "seed" used as a citation ("seed 003", "the seed document", "seeds 001 and 003");
 * - every preset the package exports (frameworks, cycles, complaint flows, recovery models and
 *   policies, metric scales and defaults, loyalty defaults) carries a `source` that is non-empty,
 *   names a title-like reference, and contains none of the above. The exported objects are walked
 *   recursively, so every string they hold is checked, not only `source`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as complaints from '../../src/complaints/index.js';
import * as cycles from '../../src/cycles/index.js';
import * as frameworks from '../../src/frameworks/index.js';
import * as rootEntry from '../../src/index.js';
import * as loyalty from '../../src/loyalty/index.js';
import * as metrics from '../../src/metrics/index.js';
import * as time from '../../src/time/index.js';
import { root } from '../support/code-blocks.js';

/** The numbered working copies of reference articles, e.g. `000_52872a4e27539bda.txt`. */
const seedFileName = /\b\d{3}_[0-9a-f]{16}(?:\.txt)?\b/;

/** Internal notes of the project that a reader cannot look up. */
const internalNote = /\b(?:DOMAIN|DESIGN|STYLE)\.md\b|\bhelper-rules\b|\bseeds\//;

/**
 * "seed" used to cite a source. The word has honest uses in this code base (a property test's
 * random seed, `seed: 17`, "seed the row with"), so only citation shapes are matched: a seed with a
 * number, a seed document/article/file, or "the seed" as the subject or qualifier of a sentence.
 */
const seedCitations: readonly RegExp[] = [
  /\bseeds?\s+[`'"“‘]?\d{3}\b/i,
  /\bseeds?\s+(?:documents?|files?|articles?|texts?|material|sources?|notes?|guides?)\b/i,
  /\b(?:the|our|this|that|these|those|each|per|from|in)\s+seeds?\b(?!\s*(?:[:=(]|of\b|for\b|value|number))/i,
];

/** Joins doc-comment and line-comment continuations so a phrase split over lines is seen whole. */
function unwrap(text: string): string {
  return text.replace(/\r?\n[ \t]*(?:\*(?!\/)|\/\/)?[ \t]*/g, ' ');
}

/** What in `text` cites an internal source, as a list of matched phrases (empty when clean). */
function internalCitations(text: string): string[] {
  const flat = unwrap(text);
  const found: string[] = [];
  for (const pattern of [seedFileName, internalNote, ...seedCitations]) {
    const match = pattern.exec(flat);
    if (match) found.push(match[0]);
  }
  return found;
}

/** A reference a reader can look up: a few words, at least one a proper name, title or standard. */
function isTitleLike(source: string): boolean {
  const text = source.trim();
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  return words.length >= 3 && /\s[(“"'‘]?[A-Z][\w.&-]*/.test(text);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

const publicFiles = [
  ...filesUnder(join(root, 'src')),
  ...filesUnder(join(root, 'docs', 'guides')),
  ...filesUnder(join(root, 'examples')),
  join(root, 'README.md'),
];

interface Found {
  readonly path: string;
  readonly value: string;
}

/** Is this a zod schema? Schemas are code, not presets; their internals are not walked. */
function isSchema(value: object): boolean {
  return '_zod' in value || typeof (value as { safeParse?: unknown }).safeParse === 'function';
}

/** Every string reachable from `value`, with its path, and separately every `source` string. */
function walk(name: string, value: unknown): { strings: Found[]; sources: Found[] } {
  const strings: Found[] = [];
  const sources: Found[] = [];
  const seen = new Set<object>();
  const visit = (path: string, v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') {
      strings.push({ path, value: v });
      if (key === 'source') sources.push({ path, value: v });
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v) || isSchema(v)) return;
    seen.add(v);
    for (const [k, child] of Object.entries(v)) visit(`${path}.${k}`, child, k);
  };
  visit(name, value, undefined);
  return { strings, sources };
}

/** The exported objects, plus what the factories produce with their default sources. */
function presets(): Record<string, unknown> {
  const exported: Record<string, unknown> = {};
  // Every entry of the package: the root and each domain entry.
  const entries = [rootEntry, time, frameworks, cycles, complaints, loyalty, metrics];
  for (const [name, value] of entries.flatMap((entry) => Object.entries(entry))) {
    if (typeof value === 'object' && value !== null) exported[name] = value;
  }
  const ladder = loyalty.defineTierLadder({
    id: 'shop',
    qualifyBy: ['points'],
    tiers: [
      { id: 'member', perks: [] },
      { id: 'silver', threshold: { points: 500 }, perks: [] },
    ],
    source: 'The Example Shop, Member Handbook',
  });
  const recovery: Record<string, unknown> = {};
  for (const [model, facts] of Object.entries(complaints.recoveryModels)) {
    for (const variant of Object.keys(facts.variants)) {
      recovery[`${model}/${variant}`] = complaints.recoveryMachine(
        model as complaints.RecoveryModelName,
        variant,
      );
    }
  }
  return {
    ...exported,
    'housingOmbudsmanPolicy()': complaints.housingOmbudsmanPolicy(),
    'createComplaintCase()': complaints.createComplaintCase(),
    'defineLoyaltyProgram({ ladder })': loyalty.defineLoyaltyProgram({ ladder }),
    'recoveryMachine()': recovery,
  };
}

describe('the detector', () => {
  it.each([
    'seed `000_52872a4e27539bda.txt`',
    'see 003_7e9e7f60ff16616a',
    'seed 003',
    'seeds 001 and 003',
    'Seed document on complaints',
    'the seed puts no cap on objections',
    'Complaint handling: the seed conversation flows',
    '(seed\n * 002)',
    'DOMAIN.md §5',
    'copied from seeds/004',
  ])('flags %j', (text) => {
    expect(internalCitations(text)).not.toEqual([]);
  });

  it.each([
    'values drawn with a fixed seed',
    'fc.sample(arb, { numRuns: 10, seed: 17 })',
    '// Seed the row with the first missing pair',
    'const [seed] = missing;',
    'ISO 10002:2018, Quality management — Customer satisfaction',
    'the seed of the generator',
  ])('leaves %j alone', (text) => {
    expect(internalCitations(text)).toEqual([]);
  });

  it('tells a reference from a placeholder', () => {
    expect(isTitleLike('Housing Ombudsman Service, Complaint Handling Code (2024)')).toBe(true);
    expect(isTitleLike('good/bad rating of helpdesk products (Zendesk)')).toBe(true);
    expect(isTitleLike('house rules')).toBe(false);
    expect(isTitleLike('   ')).toBe(false);
    expect(isTitleLike('seed notes')).toBe(false);
  });
});

describe('public files cite real references', () => {
  it('finds the files to check', () => {
    expect(publicFiles.length).toBeGreaterThan(20);
  });

  it.each(publicFiles.map((path) => [relative(root, path), path]))(
    '%s names no internal source',
    (_name, path) => {
      const found = internalCitations(readFileSync(path, 'utf8'));
      expect(found, 'cite the title, author or publisher instead').toEqual([]);
    },
  );
});

describe('preset sources cite real references', () => {
  const all = Object.entries(presets()).map(([name, value]) => [name, walk(name, value)] as const);

  it('finds the presets to check', () => {
    const names = all.filter(([, w]) => w.sources.length > 0).map(([name]) => name);
    for (const expected of [
      'eightStepsOfService',
      'tenStepsOfService',
      'ritzThreeSteps',
      'fourStageCycle',
      'fiveStageCycle',
      'unexpectedDemandFlow',
      'complaintFlow',
      'difficultCustomerFlow',
      'problemResolutionFlow',
      'iso10002Lifecycle',
      'recoveryModels',
      'defaultComplaintPolicy',
      'fcaDispPolicy',
      'housingOmbudsmanPolicy()',
      'createComplaintCase()',
      'defineLoyaltyProgram({ ladder })',
      'cesVersions',
      'csatScales',
      'defaultHealthRatio',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(all)('%s holds no internal file name or seed citation', (_name, w) => {
    const bad = w.strings
      .map(({ path, value }) => ({ path, found: internalCitations(value) }))
      .filter(({ found }) => found.length > 0);
    expect(bad).toEqual([]);
  });

  it.each(all.filter(([, w]) => w.sources.length > 0))(
    "%s's sources name a title-like reference",
    (_name, w) => {
      const weak = w.sources.filter(({ value }) => !isTitleLike(value));
      expect(weak).toEqual([]);
    },
  );
});
