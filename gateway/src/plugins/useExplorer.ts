import fs from 'node:fs';
import path from 'node:path';
import type { GatewayPlugin, HttpExchange } from '../http/pipeline.js';
import { EXPLORER_DIST, EXPLORER_FILES } from '../explorer/build.js';
import { EXPLORER_CSP, explorerPage } from '../explorer/page.js';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function sendPage(exchange: HttpExchange, bundleReady: boolean): void {
  const body = explorerPage({ endpoint: '/graphql', bundleReady });
  exchange.res.writeHead(200, {
    ...exchange.responseHeaders,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'content-security-policy': EXPLORER_CSP,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  exchange.res.end(body);
}

async function sendAsset(exchange: HttpExchange, dist: string, file: string): Promise<void> {
  let content: Buffer;
  try {
    content = await fs.promises.readFile(path.join(dist, file));
  } catch {
    exchange.res.writeHead(404, {
      ...exchange.responseHeaders,
      'content-type': 'text/plain; charset=utf-8',
    });
    exchange.res.end(
      'Not found: the explorer bundle is not built; run pnpm --filter @dxhub/gateway build\n',
    );
    return;
  }
  exchange.res.writeHead(200, {
    ...exchange.responseHeaders,
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(content.length),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  exchange.res.end(content);
}

/**
 * Serves the GraphQL explorer (GraphiQL, bundled at build time into `dist/explorer`) at `/` and
 * to a browser's plain `GET /graphql` (HTML accepted, no `query` parameter), and its files under
 * `/explorer/`. Only the files the build names are served, so no path from the request reaches
 * the file system. Register it before `useJwtAuth`: the page itself needs no token, and the
 * queries it sends carry the token the user pastes.
 */
export function useExplorer(options: { dist?: string } = {}): GatewayPlugin {
  const dist = options.dist ?? EXPLORER_DIST;
  const files = new Set(EXPLORER_FILES);
  let warned = false;

  return {
    name: 'explorer',
    http: async (exchange, next) => {
      if (exchange.method !== 'GET' && exchange.method !== 'HEAD') return next();
      const pathname = exchange.url.pathname;

      if (pathname.startsWith('/explorer/')) {
        const file = pathname.slice('/explorer/'.length);
        if (!files.has(file)) return next();
        return sendAsset(exchange, dist, file);
      }

      const accept = exchange.headers.accept ?? '';
      const isPage =
        pathname === '/' ||
        (pathname === '/graphql' &&
          !exchange.url.searchParams.has('query') &&
          accept.includes('text/html'));
      if (!isPage) return next();

      const bundleReady =
        files.size > 0 && [...files].every((file) => fs.existsSync(path.join(dist, file)));
      if (!bundleReady && !warned) {
        warned = true;
        exchange.logger.warn(
          { dist },
          'explorer bundle missing; run pnpm --filter @dxhub/gateway build',
        );
      }
      sendPage(exchange, bundleReady);
    },
  };
}
