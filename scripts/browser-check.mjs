// @ts-check
/**
 * Opens the built docs site (docs/api, or $DOCS_DIR) in Debian's headless Chromium and checks what
 * a reader sees, offline:
 * - the index renders the README once (one `servicecraft` heading), links every guide, and the
 *   header's Getting started / Guides / API links lead somewhere from any page depth;
 * - the sidebar is grouped by category (Guides, Core, Time, ...), with no uncategorised "Other";
 * - search finds `transition` and words that appear only in the guides' text;
 * - every preset page draws its state diagram at 60 % or more of the diagram's natural size
 *   (scrolling sideways when it is wider than the column), and so does every guide diagram;
 * - mermaid is loaded by the pages that have a diagram and by no other page;
 * - the core types document their type parameters;
 * - a 390 px wide phone viewport does not scroll sideways.
 * Screenshots go to .tmp/screenshots/ (kept by CI as artefacts). Exits non-zero on a failure.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const site = resolve(root, process.env.DOCS_DIR ?? join('docs', 'api'));
const shots = join(root, '.tmp', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
/** The smallest share of a diagram's natural width it may be drawn at. */
const minDiagramScale = 0.6;
/** The sideways size of a phone screen (an iPhone 12 to 15 in CSS pixels). */
const phoneWidth = 390;
/** The most the search index may weigh once guide text and comments are in it. */
const maxSearchIndexBytes = 1_500_000;
/** The sidebar categories of the entry points, in order (the root has Guides and Core). */
const categories = [
  'Guides',
  'Core',
  'Time',
  'Frameworks',
  'Cycles',
  'Complaints',
  'Loyalty',
  'Metrics',
  'Testing',
];
/** Core types whose type parameters must each be described. */
const typeParameterPages = [
  'interfaces/servicecraft.Machine.html',
  'interfaces/servicecraft.Snapshot.html',
  'interfaces/servicecraft.MachineDefinition.html',
  'types/servicecraft.TransitionResult.html',
  'interfaces/servicecraft.TransitionArgs.html',
  'interfaces/servicecraft.Flow.html',
];

if (!existsSync(join(site, 'index.html')))
  throw new Error(`${relative(root, site)}/index.html is missing: run \`npm run docs\` first`);
if (!existsSync(executablePath))
  throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

/** Every page of the site, as paths relative to its root. */
const pages = (function walk(dir) {
  return readdirSync(join(site, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return path === 'assets' || path === 'media' ? [] : walk(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
})('');
const html = new Map(pages.map((page) => [page, readFileSync(join(site, page), 'utf8')]));
const hasDiagram = (page) => html.get(page)?.includes('<code class="mermaid">') ?? false;
const loadsMermaid = (page) =>
  /<script src="[^"]*assets\/mermaid\.min\.js"/.test(html.get(page) ?? '');
const presets = pages.filter((page) => page.startsWith('variables/') && hasDiagram(page));
const guides = pages.filter((page) => page.startsWith('documents/'));
const guideDiagrams = guides.filter(hasDiagram);

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  let file = join(site, path);
  if (file.endsWith('/') || !extname(file)) file = join(file, 'index.html');
  if (!file.startsWith(site) || !existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': types[/** @type {keyof types} */ (extname(file))] ?? 'application/octet-stream',
  });
  res.end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

/** @type {string[]} */
const failures = [];
/** @param {boolean} ok @param {string} what */
const check = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
/** @param {string} page */
const shotName = (page) =>
  page.replace(/\.html$/, '').replace(/^[a-z]+\/(servicecraft(?:_[\w-]+)?\.)?/, '');

// Static checks over every page: which ones load mermaid.
const wrongMermaid = pages.filter((page) => hasDiagram(page) !== loadsMermaid(page));
check(
  wrongMermaid.length === 0,
  `mermaid is loaded by exactly the ${pages.filter(hasDiagram).length} of ${pages.length} pages that have a diagram${wrongMermaid.length ? ` (wrong: ${wrongMermaid.slice(0, 5).join(', ')})` : ''}`,
);
const searchBytes = statSync(join(site, 'assets', 'search.js')).size;
check(
  searchBytes <= maxSearchIndexBytes,
  `the search index, with guide text, weighs ${(searchBytes / 1024).toFixed(0)} kB (at most ${maxSearchIndexBytes / 1000} kB)`,
);

const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  /** @type {string[]} */
  const outside = [];
  /** @type {string[]} */
  const requested = [];
  /** @type {string[]} */
  const missing = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => console.log('page error:', String(error).slice(0, 300)));
  page.on(
    'console',
    (message) =>
      message.type() === 'error' &&
      console.log('console error:', message.text().slice(0, 300), message.location().url),
  );
  page.on('request', (request) => {
    requested.push(request.url());
    if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
      outside.push(request.url());
  });
  /** Opens a page of the site and waits until typedoc shows it. @param {string} path */
  const open = async (path) => {
    requested.length = 0;
    await page.goto(`${base}/${path}`);
    await page.waitForFunction(() => getComputedStyle(document.body).display !== 'none', null, {
      timeout: 10_000,
    });
  };
  /** Whether a link, followed from the current page, reaches an existing page of the site. */
  const reaches = async (/** @type {string} */ href) => {
    const url = new URL(href, page.url());
    if (!url.href.startsWith(base)) return false;
    const path = decodeURIComponent(url.pathname).slice(1) || 'index.html';
    return html.has(path);
  };

  // The index: the README once, with its guides.
  await open('index.html');
  check((await page.title()).includes('servicecraft'), 'index renders with the project title');
  const headings = await page
    .locator('.col-content h1, .col-content h2')
    .filter({ hasText: /^servicecraft$/ })
    .count();
  check(headings === 1, `the index has one \`servicecraft\` heading (found ${headings})`);
  const readmeGuides = await page
    .locator('.col-content a[href*="documents/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
  const linked = new Set(readmeGuides.map((href) => href.replace(/#.*$/, '')));
  const unlinked = guides.filter((guide) => !linked.has(guide));
  check(
    guides.length > 5 && unlinked.length === 0,
    `the index links every guide (${guides.length - unlinked.length} of ${guides.length}${unlinked.length ? `; missing ${unlinked.join(', ')}` : ''})`,
  );
  await page.screenshot({ path: join(shots, 'index.png') });

  // Header links, from the index and from a page two levels down.
  for (const from of ['index.html', presets[0] ?? 'modules.html']) {
    await open(from);
    const links = await page
      .locator('#tsd-toolbar-links a')
      .evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') ?? '' })),
      );
    const labels = links.map((link) => link.text);
    check(
      ['Getting started', 'Guides', 'API'].every((label) => labels.includes(label)),
      `${from}: the header links Getting started, Guides and API (${labels.join(', ')})`,
    );
    const broken = [];
    for (const link of links) if (!(await reaches(link.href))) broken.push(link.href);
    check(broken.length === 0, `${from}: every header link reaches a page ${broken.join(', ')}`);
  }

  // The sidebar: the main entry point's exports grouped by category.
  await open('modules/servicecraft.html');
  await page
    .locator('.site-menu .tsd-navigation a')
    .nth(10)
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  const sidebar = await page.evaluate(() => {
    const current = document.querySelector('.site-menu .tsd-navigation a.current');
    const list = current?.closest('li')?.querySelector('.tsd-accordion-details > ul');
    const top = list ? [...list.children] : [];
    return {
      total: document.querySelectorAll('.site-menu .tsd-navigation a').length,
      groups: top.map(
        (li) => li.querySelector(':scope > details > summary')?.textContent?.trim() ?? '',
      ),
    };
  });
  const groupNames = sidebar.groups.filter(Boolean);
  const present = categories.filter((name) => groupNames.includes(name));
  check(
    ['Guides', 'Core'].every((name) => present.includes(name)) &&
      present.join() === groupNames.join(),
    `the sidebar groups the main entry point's exports by category, in order: ${groupNames.join(', ')}`,
  );
  check(
    sidebar.groups.length > 0 && sidebar.groups.every(Boolean),
    'every export of the main entry point is in a category (no "Other", no loose items)',
  );
  // The other entry points (servicecraft/testing, /vitest, ...) are categorised too.
  const others = await page.evaluate(() =>
    [...document.querySelectorAll('#tsd-nav-container > li')].map((li) => ({
      module: li.querySelector(':scope > details > summary')?.textContent?.trim() ?? '',
      groups: [...(li.querySelector('.tsd-accordion-details > ul')?.children ?? [])].map(
        (item) => item.querySelector(':scope > details > summary')?.textContent?.trim() ?? '',
      ),
    })),
  );
  const loose = others.filter(
    (entry) => !entry.groups.every((group) => categories.includes(group)),
  );
  check(
    others.length >= 11 && loose.length === 0,
    `every entry point lists its exports under the categories (${others.map((entry) => `${entry.module}: ${[...new Set(entry.groups)].join('/')}`).join('; ')})`,
  );
  await page.screenshot({ path: join(shots, 'sidebar.png') });

  // Search: names and guide text.
  const search = async (/** @type {string} */ query) => {
    await page.click('#tsd-search-trigger');
    const before = await page.locator('#tsd-search-results').innerHTML();
    await page.fill('#tsd-search-input', query);
    await page
      .waitForFunction(
        (old) => document.querySelector('#tsd-search-results')?.innerHTML !== old,
        before,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    const results = page.locator('#tsd-search-results li');
    await results
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    const found = await results.evaluateAll((lis) =>
      lis.map((li) => ({ text: li.textContent ?? '', href: li.querySelector('a')?.href ?? '' })),
    );
    await page.screenshot({ path: join(shots, `search-${query.replace(/\W+/g, '-')}.png`) });
    await page.keyboard.press('Escape');
    return found;
  };
  check(
    (await search('transition')).some((hit) => hit.text.includes('transition')),
    'search finds `transition`',
  );
  // Words that appear in the guides' text, not in any export's name.
  for (const query of ['PostgreSQL', 'compare-and-set']) {
    const hits = await search(query);
    check(
      hits.some((hit) => hit.href.includes('/documents/')),
      `search finds the guide text "${query}" (${hits.length} results)`,
    );
  }

  // Diagrams: every preset and every guide with one, at a readable scale.
  check(presets.length > 0, `preset pages with a diagram exist (${presets.length})`);
  /** @type {string[]} */
  const scales = [];
  for (const [index, file] of [...presets, ...guideDiagrams].entries()) {
    const name = shotName(file);
    if (index === 0) {
      // Three clicks from the index: the header's API link (the list of entry points), the
      // preset's entry point, then the preset listed there.
      await open('index.html');
      requested.length = 0;
      await page.locator('#tsd-toolbar-links a', { hasText: 'API' }).click();
      const entry = file.split('/')[1]?.split('.')[0] ?? '';
      await page.locator(`.col-content a[href$="modules/${entry}.html"]`).first().click();
      await page
        .locator(`.col-content a[href$="${file.split('/')[1]}"]`)
        .first()
        .click();
    } else {
      await open(file);
    }
    const expected = (html.get(file)?.match(/<code class="mermaid">/g) ?? []).length;
    const figures = page.locator('figure.sc-diagram svg');
    await page
      .waitForFunction((n) => document.body.dataset.diagrams !== undefined || n === 0, expected, {
        timeout: 30_000,
      })
      .catch((e) => console.log(String(e).slice(0, 300)));
    const drawn = await figures.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const natural = /** @type {SVGSVGElement} */ (svg).viewBox.baseVal.width;
        const shown = svg.getBoundingClientRect().width;
        return { natural: Math.round(natural), shown: Math.round(shown), scale: shown / natural };
      }),
    );
    check(
      drawn.length === expected && expected > 0,
      `${name}: ${drawn.length} of ${expected} diagram(s) drawn as SVG`,
    );
    for (const [n, d] of drawn.entries()) {
      scales.push(`${name}${drawn.length > 1 ? `#${n + 1}` : ''} ${(d.scale * 100).toFixed(0)}%`);
      check(
        d.scale >= minDiagramScale,
        `${name}${drawn.length > 1 ? ` diagram ${n + 1}` : ''}: drawn at ${(d.scale * 100).toFixed(0)}% of its natural size (${d.shown} of ${d.natural} px; at least ${minDiagramScale * 100}%)`,
      );
    }
    check(
      requested.some((url) => url.endsWith('/assets/mermaid.min.js')),
      `${name}: loads mermaid to draw its diagram`,
    );
    if (drawn.length > 0) {
      const figure = page.locator('figure.sc-diagram').first();
      await figure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `diagram-${name}.png`) });
      await figure.screenshot({ path: join(shots, `diagram-${name}-frame.png`) });
    }
  }
  console.log(`diagram scales: ${scales.join(', ')}`);

  // Pages without a diagram fetch no mermaid.
  for (const file of [
    'index.html',
    'modules/servicecraft.html',
    'functions/servicecraft.transition.html',
    guides.find((guide) => !hasDiagram(guide)),
  ]) {
    if (!file) continue;
    await open(file);
    await page.waitForLoadState('load');
    check(
      !requested.some((url) => url.includes('mermaid')),
      `${file}: has no diagram and loads no mermaid`,
    );
  }

  // Type parameters of the core types are described.
  for (const file of typeParameterPages) {
    if (!html.has(file)) {
      check(false, `${file} exists`);
      continue;
    }
    await open(file);
    const params = await page.locator('.tsd-type-parameter-list > li').evaluateAll((lis) =>
      lis.map((li) => ({
        name: li.querySelector('.tsd-kind-type-parameter')?.textContent?.trim() ?? '?',
        described: (li.querySelector('.tsd-comment')?.textContent?.trim().length ?? 0) > 10,
      })),
    );
    const bare = params.filter((param) => !param.described).map((param) => param.name);
    check(
      params.length > 0 && bare.length === 0,
      `${shotName(file)}: type parameters ${params.map((param) => param.name).join(', ')} are described${bare.length ? ` (not: ${bare.join(', ')})` : ''}`,
    );
  }

  // A phone: no page scrolls sideways.
  await page.setViewportSize({ width: phoneWidth, height: 844 });
  const phonePages = [
    'index.html',
    'modules/servicecraft.html',
    ...guides,
    ...presets,
    ...typeParameterPages.filter((file) => html.has(file)),
  ];
  for (const file of phonePages) {
    await open(file);
    if (hasDiagram(file))
      await page
        .waitForFunction(() => document.body.dataset.diagrams !== undefined, null, {
          timeout: 30_000,
        })
        .catch(() => undefined);
    const wide = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      culprits: [...document.querySelectorAll('.col-content *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((el) => {
          const parent = el.parentElement?.getBoundingClientRect();
          return !parent || parent.right <= document.documentElement.clientWidth + 1;
        })
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`),
    }));
    check(
      wide.scroll <= phoneWidth,
      `${shotName(file)} at ${phoneWidth} px: no sideways scrolling (page is ${wide.scroll} px${wide.scroll > phoneWidth ? `; ${wide.culprits.join(', ')}` : ''})`,
    );
    if (file === 'index.html' || file === presets[0])
      await page.screenshot({ path: join(shots, `phone-${shotName(file)}.png`) });
  }

  check(
    missing.length === 0,
    `every request is answered${missing.length ? ` (${missing.slice(0, 3).join(', ')})` : ''}`,
  );
  check(
    outside.length === 0,
    `no request leaves localhost${outside.length ? ` (${outside.slice(0, 3).join(', ')})` : ''}`,
  );
} finally {
  await browser.close();
  server.close();
}
if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`browser checks passed; screenshots in ${relative(root, shots)}`);
