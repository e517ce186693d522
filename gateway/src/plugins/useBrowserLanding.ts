import type { GatewayPlugin } from '../http/pipeline.js';

function page(endpoint: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>dxhub GraphQL</title></head>
<body>
<h1>dxhub GraphQL</h1>
<p lang="vi">Đây là điểm truy cập GraphQL của dxhub. Hãy gửi truy vấn bằng POST tới <code>${endpoint}</code>
kèm tiêu đề <code>Authorization: Bearer &lt;mã thông báo&gt;</code>.
Khi phát triển, lấy mã thông báo bằng <code>pnpm --silent dxhub token --org MÃ --scope "network:read"</code>.</p>
<p lang="en">This is the dxhub GraphQL endpoint. Send queries with POST to <code>${endpoint}</code>
with an <code>Authorization: Bearer &lt;token&gt;</code> header.
In development, get a token with <code>pnpm --silent dxhub token --org CODE --scope "network:read"</code>.</p>
</body>
</html>
`;
}

/**
 * Responds to a browser's plain `GET /graphql` (it accepts HTML and sends no `query`) with a short
 * page saying how to call the endpoint, instead of a GraphQL error. The page loads nothing from
 * other hosts, because government networks are often closed. GET requests with a `query` go
 * on to GraphQL as usual. The explorer replaces this page when it is registered before it.
 */
export function useBrowserLanding(): GatewayPlugin {
  return {
    name: 'browserLanding',
    http: async (exchange, next) => {
      const accept = exchange.headers.accept ?? '';
      const isBrowserVisit =
        exchange.method === 'GET' &&
        exchange.url.pathname === '/graphql' &&
        !exchange.url.searchParams.has('query') &&
        accept.includes('text/html');
      if (!isBrowserVisit) return next();
      const body = page(`${exchange.url.origin}/graphql`);
      exchange.res.writeHead(200, {
        ...exchange.responseHeaders,
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'content-security-policy': "default-src 'none'",
      });
      exchange.res.end(body);
    },
  };
}
