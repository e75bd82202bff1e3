/** Every guide in docs/guides/ is part of the docs site: listed with `@document` in src/index.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root } from '../support/code-blocks.js';

it('lists every guide in the package documentation', () => {
  const guides = readdirSync(join(root, 'docs', 'guides')).filter((f) => f.endsWith('.md'));
  const index = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
  const listed = [...index.matchAll(/@document \.\.\/docs\/guides\/([\w-]+\.md)/g)].map(
    (m) => m[1],
  );
  expect(guides.length).toBeGreaterThanOrEqual(11);
  expect([...listed].sort()).toEqual([...guides].sort());
  for (const guide of guides) {
    expect(readFileSync(join(root, 'docs', 'guides', guide), 'utf8')).toMatch(
      /^---\ntitle: .+\ngroup: Guides\n---/,
    );
  }
});
