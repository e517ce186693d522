import { dxhubProject } from '../vitest.shared.js';

export default dxhubProject('bench');
