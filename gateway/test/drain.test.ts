import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@dxhub/kit';
import { describe, expect, it } from 'vitest';
import { trackForDrain } from '../src/http/drain.js';

/** Builds a logger that records warnings, the only level the drain logs at. */
function warningsLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = { warn: (_fields: unknown, message: string) => warnings.push(message) };
  return { logger: logger as unknown as Logger, warnings };
}

async function listen(
  handler: http.RequestListener,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('trackForDrain', () => {
  it('finishes a slow request', async () => {
    const { server, url } = await listen((_req, res) => {
      setTimeout(() => res.end('done'), 200);
    });
    const drain = trackForDrain(server);
    const { logger, warnings } = warningsLogger();
    const pending = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = drain.drain(5000, logger);
    expect(drain.draining).toBe(true);
    const response = await pending;
    expect(await response.text()).toBe('done');
    expect(response.headers.get('connection')).toBe('close');
    await drained;
    expect(warnings).toEqual([]);
    expect(server.listening).toBe(false);
  });

  it('names arriving connections at deadline', async () => {
    const { server, url } = await listen((_req, res) => res.end('ok'));
    const drain = trackForDrain(server);
    const { logger, warnings } = warningsLogger();
    // A health probe every 100 ms keeps the server from ever being quiet for a second.
    await fetch(url);
    const probes = setInterval(() => void fetch(url).catch(() => {}), 100);
    const drained = drain.drain(400, logger);
    try {
      await drained;
    } finally {
      clearInterval(probes);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('kept arriving');
    expect(warnings[0]).not.toContain('requests still running');
  });
});
