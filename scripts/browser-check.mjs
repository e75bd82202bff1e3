// @ts-check
/**
 * Opens the built docs site (docs/api) in Debian's headless Chromium and checks what a reader
 * sees: the index renders, search finds `transition`, and every preset page draws its state
 * diagram as an SVG, offline. Screenshots go to .tmp/screenshots/. Exits non-zero on a failure.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const site = join(root, 'docs', 'api');
const shots = join(root, '.tmp', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

if (!existsSync(join(site, 'index.html')))
  throw new Error('docs/api/index.html is missing: run `npm run docs` first');
if (!existsSync(executablePath))
  throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
mkdirSync(shots, { recursive: true });

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

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

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
  const outside = [];
  page.on('pageerror', (error) => console.log('page error:', String(error).slice(0, 300)));
  page.on(
    'console',
    (message) =>
      message.type() === 'error' && console.log('console error:', message.text().slice(0, 300)),
  );
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
      outside.push(request.url());
  });

  await page.goto(`${base}/index.html`);
  check((await page.title()).includes('servicecraft'), 'index renders with the project title');
  check(
    (await page.locator('.tsd-navigation a').count()) > 10,
    'index has the navigation with the exports',
  );
  await page.screenshot({ path: join(shots, 'index.png') });

  await page.click('#tsd-search-trigger');
  await page.fill('#tsd-search-input', 'transition');
  const hit = page.locator('#tsd-search-results li', { hasText: 'transition' }).first();
  await hit.waitFor({ timeout: 10_000 }).catch(() => undefined);
  check(await hit.isVisible(), 'search finds `transition`');
  await page.screenshot({ path: join(shots, 'search.png') });
  await page.keyboard.press('Escape');

  const presets = existsSync(join(site, 'variables'))
    ? readdirSync(join(site, 'variables')).filter((f) =>
        readFileSync(join(site, 'variables', f), 'utf8').includes('class="mermaid"'),
      )
    : [];
  check(presets.length > 0, `preset pages with a diagram exist (${presets.length})`);
  for (const [index, file] of presets.entries()) {
    const name = file.replace(/\.html$/, '');
    if (index === 0) {
      // Two clicks from the index: the package's module page, then the preset listed on it.
      await page.goto(`${base}/index.html`);
      await page.locator('nav.tsd-navigation a[href$="modules/servicecraft.html"]').first().click();
      await page.locator(`.col-content a[href$="${file}"]`).first().click();
    } else {
      await page.goto(`${base}/variables/${file}`);
    }
    const svg = page.locator('figure.sc-diagram svg').first();
    await svg.waitFor({ timeout: 15_000 }).catch((e) => console.log(String(e).slice(0, 400)));
    check(await svg.isVisible(), `${name}: the state diagram is drawn as an SVG`);
    if (index === 0)
      await page.screenshot({ path: join(shots, `preset-${name}.png`), fullPage: true });
  }
  check(
    outside.length === 0,
    `no request leaves localhost${outside.length ? ` (${outside.slice(0, 3).join(', ')})` : ''}`,
  );
} finally {
  await browser.close();
  server.close();
}
if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log(`browser checks passed; screenshots in ${shots}`);
