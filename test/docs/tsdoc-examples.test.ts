/**
 * Every `@example` in the TSDoc of `src/` must compile: the examples are what API-docs readers
 * copy, so they are checked like code (imports of `servicecraft` point at the sources).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTsBlocks, root, typeChecker, writeBlocks } from '../support/code-blocks.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The `ts` blocks of every `@example` tag, with the comment's leading ` * ` removed. */
function examplesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const body = comment
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''))
      .join('\n');
    const at = body.indexOf('@example');
    if (at === -1) continue;
    const rest = body.slice(at).split(/\n@(?!example)\w+/)[0] ?? '';
    out.push(...extractTsBlocks(rest));
  }
  return out;
}

const examples = sourceFiles(join(root, 'src')).flatMap((file) =>
  examplesOf(file).map((code, index) => ({
    name: `${relative(join(root, 'src'), file).replace(/[\\/.]/g, '_')}-${index + 1}`,
    source: relative(root, file),
    code,
  })),
);
const files = writeBlocks(join(root, '.tmp', 'tsdoc-examples'), examples);
const diagnosticsOf = typeChecker(files);

describe('TSDoc @example blocks', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((example, index) => ({ ...example, file: files[index] as string })))(
    '$source #$name compiles',
    ({ file }) => {
      expect(diagnosticsOf(file)).toBe('');
    },
    120_000,
  );
});
