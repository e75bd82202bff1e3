/**
 * The README's `ts` code blocks are part of the public contract: each one must type-check under
 * the repository's strict compiler options and run without throwing. Imports of `servicecraft`
 * are pointed at the sources, so the blocks test the code in this tree.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.tmp', 'readme');

/** Every fenced block tagged `ts` or `typescript`, in order. */
function extractTsBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```(?:ts|typescript)[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] ?? '');
  return blocks;
}

/** Points `servicecraft` (and `servicecraft/<sub>`) imports at the sources in `src/`. */
function pointAtSources(code: string): string {
  const specifier =
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])servicecraft(?:\/([\w-]+))?\2/g;
  return code.replace(specifier, (_all, lead: string, quote: string, sub?: string) => {
    const target = relative(outDir, join(root, 'src', sub ?? '', 'index.js'))
      .split('\\')
      .join('/');
    return `${lead}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
  });
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed.options;
}

const blocks = extractTsBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = blocks.map((block, index) => {
  const file = join(outDir, `block-${index + 1}.ts`);
  writeFileSync(file, pointAtSources(block));
  return file;
});

let program: ts.Program | undefined;
const getProgram = (): ts.Program => {
  program ??= ts.createProgram({ rootNames: files, options: compilerOptions() });
  return program;
};

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

describe('README code blocks', () => {
  it('has at least one ts block', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  describe.each(files.map((file, index) => ({ file, block: index + 1 })))(
    'block $block',
    ({ file }) => {
      it('type-checks with the repository settings', () => {
        const current = getProgram();
        const sourceFile = current.getSourceFile(file);
        expect(sourceFile).toBeDefined();
        const diagnostics = ts.getPreEmitDiagnostics(current, sourceFile);
        expect(ts.formatDiagnostics(diagnostics, formatHost)).toBe('');
      }, 60_000);

      it('runs without throwing', async () => {
        await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
      }, 30_000);
    },
  );
});
