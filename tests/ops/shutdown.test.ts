import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startHubProcess, type HubProcess } from './hub.js';

const AGENCY = 'cuc-chuyen-doi-so-quoc-gia';
const BURST = 60;

describe('graceful shutdown', () => {
  let hub: HubProcess;

  beforeAll(async () => {
    hub = await startHubProcess({ DXHUB_RATE_LIMIT: 'off', DXHUB_SHUTDOWN_GRACE_MS: '60000' });
  });
  afterAll(async () => hub?.dispose());

  it('answers every request of a burst interrupted by SIGTERM', async () => {
    const token = await hub.token(AGENCY, ['network:read'], 'burst');
    const query = {
      query: `query Burst { organizations(first: 50) { totalCount nodes { code name level kind } } }`,
    };
    let completed = 0;
    let firstDone: () => void = () => {};
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const burst = Array.from({ length: BURST }, () =>
      graphql(hub.origin, query, { authorization: `Bearer ${token}` })
        .then(
          (result) => ({
            ok: result.status === 200 && Boolean(result.body.data?.organizations),
            status: result.status,
          }),
          (error: unknown) => ({ ok: false, status: String((error as Error).cause ?? error) }),
        )
        .finally(() => {
          completed += 1;
          firstDone();
        }),
    );

    // All requests were sent before the first response came back, and the gateway reads new
    // connections and request heads while it works on the first, so at the signal it holds all
    // of them and most are still running.
    await first;
    const completedAtSignal = completed;
    const exit = hub.stop();
    expect(
      completedAtSignal,
      'the burst finished before the signal; the test needs a heavier burst',
    ).toBeLessThan(BURST / 2);

    // While it drains, the gateway still responds but reports itself unready, so a load
    // balancer stops sending it new requests. The signal arrives asynchronously, so the probe
    // is repeated; the gateway keeps listening for a second after its last request.
    const settled = Promise.all(burst);
    const readiness: (number | string)[] = [];
    const deadline = Date.now() + 10_000;
    while (!readiness.includes(503) && Date.now() < deadline) {
      try {
        const response = await fetch(`${hub.origin}/readyz`);
        readiness.push(response.status);
        if (response.status === 503) expect(await response.json()).toEqual({ status: 'draining' });
        else await response.body?.cancel();
      } catch (error) {
        readiness.push(String((error as Error).cause ?? error));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(readiness, JSON.stringify(readiness)).toContain(503);

    const results = await settled;
    const failed = results.filter((result) => !result.ok);
    expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
    expect(await exit).toBe(0);

    const messages = hub.logLines().map((line) => line.msg);
    expect(messages).toContain('gateway stopping');
    expect(messages).toContain('gateway stopped');
    expect(messages.indexOf('gateway stopping')).toBeLessThan(messages.indexOf('gateway stopped'));
    expect(hub.output()).not.toContain('still running after the shutdown grace period');
  });
});
