import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestHub, type TestHub } from '@dxhub/gateway/testing';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium)
  console.log(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium).`);

const builtSdk = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** What the page script stores in `window.outcome`. */
interface PageOutcome {
  ok: boolean;
  organization?: string | null;
  incidentTitle?: string;
  forbiddenCode?: string;
  partialOrganization?: string;
  vnd?: string;
  errorCode?: string;
  errorName?: string;
}

/**
 * Renders the page, which loads the built ESM bundle from its own origin and calls the hub on another origin,
 * so every request crosses the gateway's CORS policy, preflight included.
 */
function pageHtml(hubUrl: string, token: string): string {
  return `<!doctype html>
<meta charset="utf-8">
<title>dxhub SDK in a browser</title>
<script type="module">
import { createClient, parseVnd } from '/sdk.js';
const hub = createClient({ url: ${JSON.stringify(hubUrl)}, token: ${JSON.stringify(token)}, locale: 'vi', retry: false });
try {
  const organization = await hub.directory.organization('bo-tai-chinh');
  const incident = await hub.incidents.report({
    title: 'Reported from a browser', description: 'Sent through CORS', category: 'OTHER',
    severity: 'LOW', tlp: 'GREEN', detectedAt: '2025-05-01T09:00:00+07:00',
  });
  let forbidden;
  try {
    await hub.request('{ organization(code: "bo-tai-chinh") { code } projects(first: 1) { totalCount } }');
  } catch (error) {
    forbidden = error;
  }
  window.outcome = {
    ok: true,
    organization: organization && organization.code,
    incidentTitle: incident.title,
    forbiddenCode: forbidden && forbidden.code,
    partialOrganization: forbidden && forbidden.data && forbidden.data.organization.code,
    vnd: String(parseVnd('9007199254740993') + 1n),
  };
} catch (error) {
  window.outcome = { ok: false, errorCode: error.code, errorName: error.name, message: String(error.message) };
}
</script>`;
}

/** Serves the page at `/` and the SDK bundle at `/sdk.js` on a loopback port of its own. */
async function startPageServer(html: () => string) {
  const server = http.createServer((req, res) => {
    if (req.url === '/sdk.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(fs.readFileSync(builtSdk));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!hasChromium)('SDK in headless Chromium', () => {
  let t: TestHub;
  let browser: BrowserContext;
  let profile: string;
  let token = '';
  let allowedPage: Awaited<ReturnType<typeof startPageServer>>;
  let otherPage: Awaited<ReturnType<typeof startPageServer>>;
  const previousOrigins = process.env.DXHUB_CORS_ORIGINS;

  beforeAll(async () => {
    allowedPage = await startPageServer(() => pageHtml(t.hub.url, token));
    otherPage = await startPageServer(() => pageHtml(t.hub.url, token));
    // Only the first page's origin may call the hub.
    process.env.DXHUB_CORS_ORIGINS = allowedPage.origin;
    t = await startTestHub();
    token = (await t.bearer('bo-tai-chinh', ['network:read', 'incidents:report'])).replace(
      /^Bearer /,
      '',
    );
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dxhub-chromium-'));
    // A fresh profile folder, so nothing from an earlier run is reused.
    browser = await chromium.launchPersistentContext(profile, {
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
  });

  afterAll(async () => {
    if (previousOrigins === undefined) delete process.env.DXHUB_CORS_ORIGINS;
    else process.env.DXHUB_CORS_ORIGINS = previousOrigins;
    await browser?.close();
    await t?.dispose();
    await allowedPage?.close();
    await otherPage?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  async function outcomeOf(origin: string): Promise<PageOutcome> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      await page.waitForFunction(
        () => (window as unknown as { outcome?: unknown }).outcome !== undefined,
        undefined,
        { timeout: 30_000 },
      );
      return (await page.evaluate(
        () => (window as unknown as { outcome: unknown }).outcome,
      )) as PageOutcome;
    } finally {
      await page.close();
    }
  }

  it('queries and mutates from an allowed origin', async () => {
    const outcome = await outcomeOf(allowedPage.origin);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(outcome.organization).toBe('bo-tai-chinh');
    expect(outcome.incidentTitle).toBe('Reported from a browser');
    expect(outcome.vnd).toBe('9007199254740994');
  });

  it('reads partial data across origins', async () => {
    const outcome = await outcomeOf(allowedPage.origin);
    expect(outcome.forbiddenCode).toBe('FORBIDDEN');
    expect(outcome.partialOrganization).toBe('bo-tai-chinh');
  });

  it('is refused from an origin not allowed', async () => {
    const outcome = await outcomeOf(otherPage.origin);
    expect(outcome.ok).toBe(false);
    expect(outcome.errorCode).toBe('NETWORK_ERROR');
    expect(outcome.errorName).toBe('NetworkError');
  });
});
