import { dxhubProject } from '../vitest.shared.js';

export default dxhubProject('sdk', { globalSetup: ['./test/support/global-setup.ts'] });
