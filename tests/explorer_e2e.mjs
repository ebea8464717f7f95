// End-to-end test of the explorer page in headless Chromium, driven by
// playwright-core: it starts `steppe serve` on a fresh store, writes a small
// graph through the HTTP API, then searches, expands a node, opens an edge's
// evidence, runs Cypher, downloads the view as SVG and checks a screenshot is
// not blank.
//
// Usage: node tests/explorer_e2e.mjs STEPPE_BINARY WORK_DIR
// Exit 0: passed; 1: failed; 77: skipped (no Chromium or playwright-core).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kChromium = '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const [binary, workDir] = process.argv.slice(2);

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(77);
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

if (!binary || !workDir) {
  console.error('usage: node explorer_e2e.mjs STEPPE_BINARY WORK_DIR');
  process.exit(1);
}
if (!fs.existsSync(kChromium)) skip(`${kChromium} is missing (scripts/setup.sh installs it)`);
let chromium;
try {
  chromium = createRequire(path.join(here, '../server/web/package.json'))('playwright-core').chromium;
} catch {
  skip('playwright-core is missing (run npm ci in server/web, as scripts/setup.sh does)');
}

const kToken = 'explorer-test-token';

// Starts the server on a free port; resolves with {process, base} once it says where it listens.
function startServer() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(path.join(workDir, 'token'), `${kToken}\n`);
  const server = spawn(binary, ['serve', '--db', path.join(workDir, 'db'), '--port', '0',
                                '--token-file', path.join(workDir, 'token')],
                       { stdio: ['ignore', 'inherit', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${said}`)), 20000);
    server.stderr.on('data', (chunk) => {
      said += chunk;
      const match = said.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ process: server, base: match[1] });
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${said}`)));
  });
}

async function post(base, route, body, json = true) {
  const response = await fetch(base + route, {
    method: 'POST',
    headers: { Authorization: `Bearer ${kToken}`,
               'Content-Type': json ? 'application/json' : 'text/plain' },
    body: json ? JSON.stringify(body) : body,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

// A small graph, with an article behind its facts, written through the API.
async function writeGraph(base) {
  // Names stay out of the article's text, so that extraction adds no second
  // copy of the entities written below.
  const article = '14.04.2026\nRivers commission meets in Astana\n' +
    'The talks covered the shared rivers and the spring floods.\n';
  const report = await post(base, '/articles?name=rivers', article, false);
  if (report.written !== 1) throw new Error(`the article was not stored: ${JSON.stringify(report)}`);
  const found = await post(base, '/query', { query: 'MATCH (a:Article) RETURN id(a)', params: {} });
  const articleId = found.rows[0][0];
  await post(base, '/query', {
    query: `CREATE (k:Official {name: 'Daulet Karimov'}), (a:Official {name: 'Rustam Aliyev'}),
                   (m:Body {name: 'Ministry of Water Resources'}), (c:Country {name: 'Kazakhstan'}),
                   (k)-[:MET {date: '2026-04-14', place: 'Astana', topics: ['shared rivers'],
                              article: $article, sentence: $sentence}]->(a),
                   (k)-[:HOLDS_ROLE {title: 'Minister', article: $article}]->(m),
                   (m)-[:BELONGS_TO {article: $article}]->(c)`,
    params: { article: articleId,
              sentence: 'Minister Daulet Karimov met Rustam Aliyev in Astana to discuss the shared rivers.' },
  });
}

// Clicks the cytoscape element `selector` where it is drawn.
async function clickElement(page, selector) {
  const point = await page.evaluate((sel) => {
    const element = cy.$(sel)[0];
    const box = cy.container().getBoundingClientRect();
    const at = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
    return { x: box.left + at.x, y: box.top + at.y };
  }, selector);
  await page.mouse.click(point.x, point.y);
}

// The share of a PNG's pixels that differ from its first pixel, measured in the browser.
async function nonBlankShare(browser, png) {
  const page = await browser.newPage();
  const share = await page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let differ = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (Math.abs(pixels[i] - pixels[0]) + Math.abs(pixels[i + 1] - pixels[1]) +
          Math.abs(pixels[i + 2] - pixels[2]) > 30) ++differ;
    return differ / (pixels.length / 4);
  }, png.toString('base64'));
  await page.close();
  return share;
}

async function main() {
  const server = await startServer();
  let browser;
  try {
    await writeGraph(server.base);
    // A fresh profile (the --user-data-dir) each run, through playwright's own option.
    browser = await chromium.launchPersistentContext(path.join(workDir, 'chromium-profile'), {
      executablePath: kChromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(server.base + '/');

    await page.fill('#search-input', 'karimov');
    await page.click('#search-form button');
    const hit = page.locator('#search-results li', { hasText: 'Daulet Karimov' });
    await hit.first().waitFor();
    check(true, 'search finds Daulet Karimov');
    await hit.first().click();
    await page.waitForFunction(() => cy.nodes().length === 3);
    check(true, 'choosing a match draws its neighbourhood (3 nodes)');

    await clickElement(page, 'node[name = "Ministry of Water Resources"]');
    await page.waitForFunction(() => cy.nodes().length === 4);
    check(true, 'clicking a node expands it (Kazakhstan joins)');

    await clickElement(page, 'edge[type = "MET"]');
    await page.locator('#edge-details .article').waitFor();
    const evidence = await page.textContent('#edge-details');
    check(evidence.includes('met Rustam Aliyev in Astana'), 'an edge shows its source sentence');
    check(evidence.includes('Rivers commission meets in Astana'), 'an edge names its article');

    await page.fill('#cypher-input', 'MATCH (o:Official) RETURN o.name ORDER BY o.name');
    await page.click('#cypher-run');
    await page.locator('#cypher-output table').waitFor();
    const table = await page.textContent('#cypher-output');
    check(table.includes('Daulet Karimov') && table.includes('Rustam Aliyev'), 'Cypher answers in a table');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-svg')]);
    const svg = fs.readFileSync(await download.path(), 'utf8');
    check(svg.includes('<svg') && svg.includes('Kazakhstan'), 'the view downloads as SVG');

    const shot = path.join(workDir, 'explorer.png');
    const png = await page.screenshot({ path: shot, fullPage: true });
    const share = await nonBlankShare(browser, png);
    check(pageErrors.length === 0, `the page raised no errors ${pageErrors.join('; ')}`);
    check(share > 0.02, `the screenshot is not blank (${(share * 100).toFixed(1)}% drawn, ${shot})`);
  } finally {
    if (browser) await browser.close();
    server.process.kill('SIGTERM');
  }
}

main().then(() => console.log('explorer e2e: passed'),
            (error) => { console.error(`explorer e2e: FAILED: ${error.stack || error}`); process.exit(1); });
