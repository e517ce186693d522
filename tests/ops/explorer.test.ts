import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer, explorerBundleIsCurrent } from '../../gateway/src/explorer/build.js';
import { repoRoot } from '../cli/helpers.js';
import { startHubProcess, type HubProcess } from './hub.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium)
  console.log(
    `explorer.test.ts: ${CHROMIUM} is missing (apt-get install chromium); the browser test is skipped.`,
  );

const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';

describe.skipIf(!haveChromium)('explorer in Chromium', () => {
  let hub: HubProcess;
  let context: BrowserContext;
  let profile: string;
  const requests: Request[] = [];

  beforeAll(async () => {
    if (!explorerBundleIsCurrent()) await buildExplorer();
    hub = await startHubProcess();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context.on('request', (request) => requests.push(request));
  });

  afterAll(async () => {
    await context?.close();
    await hub?.dispose();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('runs a query with a pasted token', async () => {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${hub.origin}/`);
    expect(await page.locator('h1').textContent()).toContain('Trình khám phá GraphQL');
    expect(await page.locator('header p[lang="vi"]').textContent()).toContain(
      'Dán mã thông báo truy cập',
    );
    expect(await page.locator('header p[lang="en"]').textContent()).toContain(
      'Paste an access token',
    );
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });

    const token = await hub.token(AGENCY, ['network:read'], 'explorer-user');
    await page.fill('#dxhub-token', `Bearer ${token}`);
    await page.click('#dxhub-token-use');
    expect(await page.locator('#dxhub-token-status').getAttribute('data-state')).toBe('set');
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The first tab contains the network example.
    await page
      .locator('.graphiql-tab', { hasText: 'CentralBodiesExample' })
      .first()
      .waitFor({ timeout: 30_000 });

    const answered = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        (response.request().postData() ?? '').includes('CentralBodiesExample'),
    );
    await page.click('.graphiql-execute-button');
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${token}`);
    await page
      .locator('.graphiql-response', { hasText: 'totalCount' })
      .waitFor({ timeout: 30_000 });
    // Monaco draws spaces as no-break spaces.
    const shown = ((await page.locator('.graphiql-response').textContent()) ?? '').replace(
      /\u00a0/g,
      ' ',
    );
    expect(shown).toContain('"organizations"');
    expect(shown).toMatch(/"code": "[a-z0-9-]+"/);
    expect(shown).not.toContain('UNAUTHENTICATED');
    expect(shown).not.toContain('"errors"');

    const artifacts = path.join(repoRoot, 'tests', '.artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'explorer.png') });

    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem('dxhub.explorer.token'),
      local: JSON.stringify({ ...localStorage }),
      cookie: document.cookie,
    }));
    expect(storage.session).toBe(token);
    expect(storage.local).not.toContain(token);
    expect(storage.cookie).toBe('');
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual(
      [],
    );
  });

  it('loaded editor workers from the gateway', () => {
    const workers = requests
      .map((request) => new URL(request.url()).pathname)
      .filter((pathname) => pathname.endsWith('.worker.js'));
    expect(workers).toContain('/explorer/editor.worker.js');
    expect(workers).toContain('/explorer/graphql.worker.js');
  });

  it('sent no request outside 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(3);
    const outside = requests
      .map((request) => request.url())
      .filter((url) => {
        const parsed = new URL(url);
        if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
        return parsed.hostname !== '127.0.0.1';
      });
    expect(outside).toEqual([]);
  });

  it('serves the explorer to a browser GET of /graphql', async () => {
    const response = await fetch(`${hub.origin}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('/explorer/app.js');
    for (const title of [
      'Mạng lưới / Network',
      'Biên chế / Staffing',
      'Dự án / Projects',
      'Khảo sát / Surveys',
      'Sự cố / Incidents',
    ]) {
      expect(html).toContain(title);
    }
  });
});
