/**
 * Shared by the tests that check documentation code (README, guides, TSDoc examples): find the
 * `ts` blocks, point their `servicecraft` imports at the sources, and type-check them with the
 * repository's strict settings.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every fenced block tagged `ts` or `typescript`, in order. */
export function extractTsBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```(?:ts|typescript)[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] ?? '');
  return blocks;
}

/** Points `servicecraft` (and `servicecraft/<sub>`) imports at the sources in `src/`. */
export function pointAtSources(code: string, fromDir: string): string {
  const specifier =
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])servicecraft(?:\/([\w-]+))?\2/g;
  return code.replace(specifier, (_all, lead: string, quote: string, sub?: string) => {
    const target = relative(fromDir, join(root, 'src', sub ?? '', 'index.js'))
      .split('\\')
      .join('/');
    return `${lead}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
  });
}

/** The compiler options of tsconfig.json. */
export function compilerOptions(): ts.CompilerOptions {
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

/** Writes each block to `<outDir>/<name>-<n>.ts` (imports repointed) and returns the paths. */
export function writeBlocks(
  outDir: string,
  blocks: readonly { name: string; code: string }[],
): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return blocks.map(({ name, code }) => {
    const file = join(outDir, `${name}.ts`);
    writeFileSync(file, pointAtSources(code, outDir));
    return file;
  });
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

/** A lazily built program over `files`, and a function giving one file's formatted diagnostics. */
export function typeChecker(files: readonly string[]): (file: string) => string {
  let program: ts.Program | undefined;
  return (file) => {
    program ??= ts.createProgram({ rootNames: files, options: compilerOptions() });
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) return `${file} is not part of the program`;
    return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program, sourceFile), formatHost);
  };
}
