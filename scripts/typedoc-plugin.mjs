// @ts-check
/**
 * A local typedoc plugin for the servicecraft docs site:
 * 1. every exported preset (a machine, or an object with a `machine`) gets its state diagram,
 *    generated with `toMermaid` from the built package at docs build time, on its own page;
 * 2. ```mermaid blocks (those diagrams and the ones in the guides) are drawn in the browser by a
 *    copy of mermaid shipped inside the site (no CDN, it works offline), loaded only by the pages
 *    that have such a block, and shown at their natural size in a scrollable frame
 *    (docs/theme/diagrams.js);
 * 3. the guides (documents whose front matter says `group: Guides`) form the "Guides" category of
 *    the sidebar, every other export must carry an `@category` (a warning, so an error under
 *    `treatWarningsAsErrors`, names each one that does not);
 * 4. the README's own `# servicecraft` heading is dropped from the index page, which already has
 *    the project name as its title;
 * 5. the `navigationLinks` of typedoc.json are written relative to the site root and made relative
 *    to each page, so they work at any depth and from a `file://` copy.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Comment, Converter, PageEvent, ReflectionKind, RendererEvent } from 'typedoc';
import { layers } from './entries.mjs';

const require = createRequire(import.meta.url);
const theme = new URL('../docs/theme/', import.meta.url);

/** @param {unknown} value */
const isMachine = (value) =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray(/** @type {{ edges?: unknown }} */ (value).edges) &&
  typeof (/** @type {{ definition?: unknown }} */ (value).definition) === 'object';

/**
 * Whether typedoc files this export under a category: an `@category` tag on it, on one of its
 * signatures, or on the object type it is declared with (as typedoc's own categorizer reads them).
 * @param {import('typedoc').DeclarationReflection} reflection
 */
const hasCategory = (reflection) => {
  const declaration =
    reflection.type?.type === 'reflection' ? reflection.type.declaration : undefined;
  return [
    reflection.comment,
    ...reflection.getNonIndexSignatures().map((signature) => signature.comment),
    declaration?.comment,
    ...(declaration?.getNonIndexSignatures() ?? []).map((signature) => signature.comment),
  ].some((comment) => comment?.blockTags.some((tag) => tag.tag === '@category'));
};

/** @param {import('typedoc').Application} app */
export async function load(app) {
  /** @type {Map<string, string>} */
  const diagrams = new Map();
  const lib = await import(new URL('../dist/index.js', import.meta.url).href);
  // The presets live in the layer entries (working time has none, and is read all the same).
  const entries = await Promise.all(
    layers.map((domain) => import(new URL(`../dist/${domain}/index.js`, import.meta.url).href)),
  );
  for (const [name, value] of [lib, ...entries].flatMap((entry) => Object.entries(entry))) {
    const machine = isMachine(value)
      ? value
      : isMachine(value?.machine)
        ? value.machine
        : undefined;
    if (machine) diagrams.set(name, lib.toMermaid(machine));
  }

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      const diagram = diagrams.get(reflection.name);
      if (!diagram) continue;
      reflection.comment ??= new Comment();
      reflection.comment.summary.push(
        { kind: 'text', text: '\n\n**State diagram** (generated from the machine):\n\n' },
        { kind: 'code', text: `\`\`\`mermaid\n${diagram}\n\`\`\`` },
      );
    }
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Document)) {
      if (!reflection.isDocument()) continue;
      const { frontmatter } = reflection;
      if (!('category' in frontmatter) && 'group' in frontmatter)
        frontmatter.category = frontmatter.group;
    }
    // The index page is titled with the project name already; the README's own H1 repeats it.
    const [first] = context.project.readme ?? [];
    if (first?.kind === 'text') {
      const heading = new RegExp(`^\\s*# ${context.project.name}[ \\t]*\\r?\\n`);
      first.text = first.text.replace(heading, '');
    }
  });

  // Once the exports are resolved (typedoc's own categorizer runs at priority -200).
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      const missing = [];
      const modules = context.project.getReflectionsByKind(ReflectionKind.SomeModule);
      for (const module of [context.project, ...modules]) {
        if (!module.isProject() && !module.isDeclaration()) continue;
        for (const child of module.children ?? []) {
          if (child.kindOf(ReflectionKind.SomeModule)) continue;
          if (!hasCategory(child)) missing.push(`${module.name}: ${child.name}`);
        }
      }
      if (missing.length > 0)
        app.logger.warn(
          `${missing.length} export(s) without an @category tag (the sidebar groups exports by category): ${missing.join(', ')}`,
        );
    },
    -300,
  );

  app.renderer.on(PageEvent.END, (page) => {
    if (!page.contents) return;
    const root = '../'.repeat(page.url.split('/').length - 1) || './';
    // navigationLinks: site-root-relative in typedoc.json, page-relative here.
    page.contents = page.contents.replace(
      /(<div id="tsd-toolbar-links">|<nav id="tsd-sidebar-links"[^>]*>)([\s\S]*?)(<\/div>|<\/nav>)/g,
      (_all, open, links, close) =>
        open +
        links.replace(
          /href="(?![a-z]+:|#|\/|\.\.?\/)([^"]*)"/g,
          (_a, href) => `href="${root}${href}"`,
        ) +
        close,
    );
    // mermaid (3.5 MB) only where there is a diagram to draw.
    if (page.contents.includes('<code class="mermaid">'))
      page.contents = page.contents.replace(
        '</body>',
        `<script src="${root}assets/mermaid.min.js"></script><script src="${root}assets/diagrams.js"></script></body>`,
      );
  });

  app.renderer.on(RendererEvent.END, (event) => {
    const assets = join(event.outputDirectory, 'assets');
    copyFileSync(require.resolve('mermaid/dist/mermaid.min.js'), join(assets, 'mermaid.min.js'));
    copyFileSync(new URL('diagrams.js', theme), join(assets, 'diagrams.js'));
  });
}
