import { EXAMPLE_OPERATIONS } from './examples.js';

/**
 * Content Security Policy of the explorer page: scripts, workers, styles and requests only from
 * the gateway itself, so the browser refuses anything from another host even if a bundled
 * library tried. Monaco sets inline styles, and fonts and icons are inline data URLs.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON safe to place inside a `<script type="application/json">` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const STYLE = `
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font: 14px/1.45 system-ui, sans-serif; }
  header { padding: 10px 16px; border-bottom: 1px solid #ccc; background: #f6f7f9; }
  header h1 { font-size: 17px; margin: 0 0 4px; }
  header p { margin: 2px 0; max-width: 110ch; }
  header code { background: #e8eaee; padding: 0 3px; border-radius: 3px; }
  form { display: flex; gap: 8px; align-items: center; margin-top: 6px; flex-wrap: wrap; }
  form input { flex: 1 1 420px; font: 13px monospace; padding: 4px 6px; }
  #dxhub-token-status[data-state="set"] .when-empty, #dxhub-token-status[data-state="empty"] .when-set { display: none; }
  #dxhub-graphiql { flex: 1; min-height: 0; }
  .missing { padding: 16px; }
`;

/** Shown instead of the editor when the bundle has not been built. */
function missingBundleNotice(): string {
  return `<div class="missing">
<p lang="vi">Chưa có gói trình khám phá. Hãy chạy <code>pnpm --filter @dxhub/gateway build</code> rồi tải lại trang. Vẫn có thể gửi truy vấn bằng POST tới điểm truy cập.</p>
<p lang="en">The explorer bundle has not been built. Run <code>pnpm --filter @dxhub/gateway build</code>, then reload. Queries can still be sent with POST to the endpoint.</p>
</div>`;
}

/**
 * Renders the explorer page: a bilingual landing text, the token field and the GraphiQL mount point,
 * with the example operations embedded as JSON. `bundleReady` false shows how to build it.
 */
export function explorerPage(options: { endpoint: string; bundleReady: boolean }): string {
  const endpoint = escapeHtml(options.endpoint);
  const config = { endpoint: options.endpoint, examples: EXAMPLE_OPERATIONS };
  const subgraphs = EXAMPLE_OPERATIONS.map((example) => escapeHtml(example.title)).join(', ');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dxhub — Trình khám phá GraphQL / GraphQL explorer</title>
${options.bundleReady ? '<link rel="stylesheet" href="/explorer/app.css">' : ''}
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>dxhub — Trình khám phá GraphQL / GraphQL explorer</h1>
<p lang="vi">Nền tảng chia sẻ dữ liệu của Mạng lưới chuyển đổi số. Trình khám phá gửi truy vấn tới <code>${endpoint}</code>.
Dán mã thông báo truy cập vào ô dưới đây: mã chỉ được giữ trong thẻ trình duyệt này (sessionStorage) và chỉ được gửi tới điểm truy cập trên.
Mỗi thẻ ví dụ ứng với một dịch vụ con: ${subgraphs}.</p>
<p lang="en">The data-sharing hub of the digital-transformation network. The explorer sends queries to <code>${endpoint}</code>.
Paste an access token below: it is kept only in this browser tab (session storage) and sent only to that endpoint.
Each example tab belongs to one subgraph: ${subgraphs}.</p>
<p>Khi phát triển / In development: <code>pnpm --silent dxhub token --org cuc-chuyen-doi-so-quoc-gia --scope "network:read"</code></p>
<form id="dxhub-token-form" autocomplete="off">
<label for="dxhub-token">Mã thông báo truy cập / Access token</label>
<input id="dxhub-token" name="token" type="password" spellcheck="false" placeholder="eyJ...">
<button type="submit" id="dxhub-token-use">Dùng mã / Use token</button>
<button type="button" id="dxhub-token-clear">Xóa / Clear</button>
<span id="dxhub-token-status" data-state="empty" role="status"><span class="when-empty">Chưa có mã / No token</span><span class="when-set">Đã có mã / Token set</span></span>
</form>
</header>
<main id="dxhub-graphiql">${options.bundleReady ? '' : missingBundleNotice()}</main>
<script type="application/json" id="dxhub-explorer-config">${scriptJson(config)}</script>
${options.bundleReady ? '<script type="module" src="/explorer/app.js"></script>' : ''}
</body>
</html>
`;
}
