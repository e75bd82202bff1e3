/**
 * Every guide in docs/guides is checked like code: the `ts` blocks of one guide are joined, in
 * order, into one module (a guide's blocks build on each other), which must type-check with the
 * repository's strict settings and run without throwing. Imports of `servicecraft` (and
 * `servicecraft/<sub>`) point at the sources. A block whose first line is `// not compiled` is an
 * illustrative fragment and is left out. A guide that imports from 'vitest' defines tests of its
 * own, which cannot run inside this one, so it is type-checked only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractTsBlocks, root, typeChecker, writeBlocks } from '../support/code-blocks.js';

const optOut = /^\s*\/\/ not compiled\b/;

interface ImportParts {
  /** `import x from` names. */
  readonly defaults: Set<string>;
  /** `import * as x from` names. */
  readonly namespaces: Set<string>;
  /** Named specifiers, as written (`a`, `a as b`), mapped to whether every use was type-only. */
  readonly named: Map<string, boolean>;
  /** Whether the specifier appeared as a bare side-effect import. */
  bare: boolean;
}

/**
 * Joins the blocks of one guide: their import declarations are merged (one declaration per module
 * specifier, except namespace imports which cannot share one) and put first, the rest follows in
 * block order.
 */
function joinBlocks(blocks: readonly string[]): string {
  const imports = new Map<string, ImportParts>();
  const bodies: string[] = [];
  for (const block of blocks) {
    const source = ts.createSourceFile('block.ts', block, ts.ScriptTarget.Latest, false);
    let body = '';
    let last = 0;
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
        continue;
      }
      body += block.slice(last, statement.getFullStart());
      last = statement.getEnd();
      const from = statement.moduleSpecifier.text;
      const parts = imports.get(from) ?? {
        defaults: new Set<string>(),
        namespaces: new Set<string>(),
        named: new Map<string, boolean>(),
        bare: false,
      };
      imports.set(from, parts);
      const clause = statement.importClause;
      if (clause === undefined) {
        parts.bare = true;
        continue;
      }
      const typeOnly = clause.isTypeOnly;
      if (clause.name) parts.defaults.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) parts.namespaces.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const name = element.propertyName
            ? `${element.propertyName.getText(source)} as ${element.name.text}`
            : element.name.text;
          const onlyTypes = typeOnly || element.isTypeOnly;
          parts.named.set(name, (parts.named.get(name) ?? true) && onlyTypes);
        }
      }
    }
    body += block.slice(last);
    bodies.push(body.trim());
  }
  const lines: string[] = [];
  for (const [from, parts] of imports) {
    const quoted = JSON.stringify(from);
    for (const name of parts.namespaces) lines.push(`import * as ${name} from ${quoted};`);
    const named = [...parts.named];
    const allTypes = named.length > 0 && named.every(([, onlyTypes]) => onlyTypes);
    const list = named.map(([name, onlyTypes]) => (onlyTypes && !allTypes ? `type ${name}` : name));
    const braces = list.length > 0 ? `{ ${list.join(', ')} }` : '';
    for (const name of parts.defaults) {
      lines.push(`import ${name}${braces && !allTypes ? `, ${braces}` : ''} from ${quoted};`);
    }
    if (braces && (parts.defaults.size === 0 || allTypes)) {
      lines.push(`import ${allTypes ? 'type ' : ''}${braces} from ${quoted};`);
    }
    if (parts.bare && parts.namespaces.size + parts.defaults.size + named.length === 0) {
      lines.push(`import ${quoted};`);
    }
  }
  return `${[...lines, '', ...bodies].join('\n')}\n`;
}

const guidesDir = join(root, 'docs', 'guides');
const guides = readdirSync(guidesDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => {
    const blocks = extractTsBlocks(readFileSync(join(guidesDir, name), 'utf8'));
    const kept = blocks.filter((block) => !optOut.test(block));
    const code = joinBlocks(kept);
    return {
      guide: name,
      name: name.replace(/\.md$/, '').replace(/\W/g, '_'),
      blocks: kept.length,
      code,
      usesVitest: /\bfrom\s*['"]vitest['"]/.test(code),
    };
  })
  .filter((guide) => guide.blocks > 0);
const files = writeBlocks(join(root, '.tmp', 'docs-guides'), guides);
const diagnosticsOf = typeChecker(files);

describe('joinBlocks', () => {
  it('merges the imports of one module and keeps the block order', () => {
    const joined = joinBlocks([
      "import * as z from 'zod';\nimport { a, type B } from 'x';\nconst one = a;",
      "import fc from 'f';\nimport { a, c } from 'x';\nimport type { D } from 'x';\nconst two = c;",
      "import * as y from 'x';\nimport 'side';",
    ]);
    expect(joined).toBe(
      [
        'import * as z from "zod";',
        'import * as y from "x";',
        'import { a, type B, c, type D } from "x";',
        'import fc from "f";',
        'import "side";',
        '',
        'const one = a;',
        'const two = c;',
        '',
        '',
      ].join('\n'),
    );
  });

  it('keeps an import type-only when every use is', () => {
    expect(joinBlocks(["import type { A } from 'x';", "import type { B } from 'x';"])).toBe(
      'import type { A, B } from "x";\n\n\n\n',
    );
  });

  it('lets a value use win over a type-only use of the same name', () => {
    expect(joinBlocks(["import type { A } from 'x';", "import { A } from 'x';"])).toBe(
      'import { A } from "x";\n\n\n\n',
    );
  });
});

describe('guide code blocks', () => {
  it('there are guides with code', () => {
    expect(guides.length).toBeGreaterThan(5);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe.each(guides.map((guide, index) => ({ ...guide, file: files[index] as string })))(
    '$guide',
    ({ file, usesVitest }) => {
      it('type-checks with the repository settings', () => {
        expect(diagnosticsOf(file)).toBe('');
      }, 120_000);

      it.skipIf(usesVitest)(
        'runs without throwing',
        async () => {
          vi.spyOn(console, 'log').mockImplementation(() => undefined);
          await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
        },
        60_000,
      );
    },
  );
});
