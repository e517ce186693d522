import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableApolloTelemetry } from '../src/hub.js';
import { startTestHub, TEST_SUBGRAPHS, type TestHub } from '../src/testing/index.js';

describe('Apollo telemetry', () => {
  it('is turned off when unset', () => {
    const env: NodeJS.ProcessEnv = {};
    disableApolloTelemetry(env);
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('keeps the operator setting', () => {
    const env: NodeJS.ProcessEnv = { APOLLO_TELEMETRY_DISABLED: 'false' };
    disableApolloTelemetry(env);
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('false');
  });

  describe('a started hub', () => {
    let t: TestHub;
    let before: string | undefined;
    beforeAll(async () => {
      before = process.env.APOLLO_TELEMETRY_DISABLED;
      delete process.env.APOLLO_TELEMETRY_DISABLED;
      t = await startTestHub({ subgraphs: TEST_SUBGRAPHS });
    });
    afterAll(async () => {
      await t?.dispose();
      if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = before;
    });

    it('has turned telemetry off', () => {
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    });
  });
});
