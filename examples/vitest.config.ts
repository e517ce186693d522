import { dxhubProject } from '../vitest.shared.js';

// The examples import the built @dxhub/sdk, so the SDK is built first when its sources changed.
export default dxhubProject('examples', { globalSetup: ['../sdk/test/support/global-setup.ts'] });
