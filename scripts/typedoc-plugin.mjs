// @ts-check
/**
 * A local typedoc plugin for the servicecraft docs site:
 * 1. every exported preset (a machine, or an object with a `machine`) gets its state diagram,
 *    generated with `toMermaid` from the built package at docs build time, on its own page;
 * 2. ```mermaid blocks (those diagrams and the ones in the guides) are drawn in the browser by a
 *    copy of mermaid shipped inside the site: no CDN, it works offline.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Comment, Converter, JSX, ReflectionKind, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);

/** @param {unknown} value */
const isMachine = (value) =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray(/** @type {{ edges?: unknown }} */ (value).edges) &&
  typeof (/** @type {{ definition?: unknown }} */ (value).definition) === 'object';

const render = `
// mermaid would draw every .mermaid element itself on load, while typedoc still hides the page.
if (window.mermaid) window.mermaid.initialize({ startOnLoad: false });
document.addEventListener('DOMContentLoaded', async () => {
  const blocks = [...document.querySelectorAll('pre > code.mermaid')];
  if (blocks.length === 0 || !window.mermaid) return;
  // typedoc keeps the body hidden until its own script shows the page; mermaid measures text,
  // which needs a rendered page, so wait for it (at most ~3 s).
  for (let i = 0; i < 60 && getComputedStyle(document.body).display === 'none'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const dark = document.documentElement.dataset.theme === 'dark' ||
    (document.documentElement.dataset.theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  window.mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'default', securityLevel: 'strict' });
  let n = 0;
  for (const code of blocks) {
    try {
      const { svg } = await window.mermaid.render('sc-diagram-' + n++, code.textContent || '');
      const figure = document.createElement('figure');
      figure.className = 'sc-diagram';
      figure.innerHTML = svg;
      code.parentElement.replaceWith(figure);
    } catch (error) {
      console.error('diagram failed', error);
    }
  }
  document.body.dataset.diagrams = String(n);
});`;

/** @param {import('typedoc').Application} app */
export async function load(app) {
  /** @type {Map<string, string>} */
  const diagrams = new Map();
  const lib = await import(new URL('../dist/index.js', import.meta.url).href);
  for (const [name, value] of Object.entries(lib)) {
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
  });

  app.renderer.hooks.on('body.end', (context) =>
    JSX.createElement(
      JSX.Fragment,
      null,
      JSX.createElement('script', { src: context.relativeURL('assets/mermaid.min.js') }),
      JSX.createElement('script', null, JSX.createElement(JSX.Raw, { html: render })),
    ),
  );

  app.renderer.on(RendererEvent.END, (event) => {
    copyFileSync(
      require.resolve('mermaid/dist/mermaid.min.js'),
      join(event.outputDirectory, 'assets', 'mermaid.min.js'),
    );
  });
}
