/**
 * The README's `ts` code blocks are part of the public contract: each one must type-check under
 * the repository's strict compiler options and run without throwing. Imports of `servicecraft`
 * are pointed at the sources, so the blocks test the code in this tree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractTsBlocks, root, typeChecker, writeBlocks } from './support/code-blocks.js';

const blocks = extractTsBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const files = writeBlocks(
  join(root, '.tmp', 'readme'),
  blocks.map((code, index) => ({ name: `block-${index + 1}`, code })),
);
const diagnosticsOf = typeChecker(files);

describe('README code blocks', () => {
  it('has at least one ts block', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  describe.each(files.map((file, index) => ({ file, block: index + 1 })))(
    'block $block',
    ({ file }) => {
      it('type-checks with the repository settings', () => {
        expect(diagnosticsOf(file)).toBe('');
      }, 120_000);

      it('runs without throwing', async () => {
        await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
      }, 90_000);
    },
  );
});
