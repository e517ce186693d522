import { dxhubProject } from '../vitest.shared.js';

// The gateway's own tests send bursts (reload and shutdown under load), which the default rate
// limits would reject with 429; tests/ops covers the rate limits themselves.
export default dxhubProject('gateway', { env: { DXHUB_RATE_LIMIT: 'off' } });
