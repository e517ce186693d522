import { dxhubProject } from '../vitest.shared.js';

// Cross-service tests live in folders by concern (cli/, security/, ...), not under test/.
export default dxhubProject('tests', {
  include: ['**/*.test.ts'],
  exclude: ['**/node_modules/**'],
});
