// Browser entry of the explorer, bundled by build.ts into dist/explorer/app.js. Everything it
// loads (editor workers, styles, fonts) comes from the gateway itself.
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

interface PageConfig {
  endpoint: string;
  examples: { title: string; query: string; variables?: Record<string, unknown> }[];
}

/** Session storage key of the pasted token, which stays in this tab: never in a cookie or on the server. */
const TOKEN_KEY = 'dxhub.explorer.token';

// Monaco asks for a worker per language; each is a file served next to this script.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const file =
      label === 'json'
        ? 'json.worker.js'
        : label === 'graphql'
          ? 'graphql.worker.js'
          : 'editor.worker.js';
    return new Worker(new URL(file, import.meta.url), { name: label });
  },
};

function readConfig(): PageConfig {
  const element = document.getElementById('dxhub-explorer-config');
  return JSON.parse(element?.textContent ?? '{}') as PageConfig;
}

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function storeToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage is off (private mode); the token then lives only in this page.
  }
}

/** Accepts a bare token or one pasted with its `Bearer ` prefix. */
function normaliseToken(value: string): string {
  return value.trim().replace(/^bearer\s+/i, '');
}

function start(): void {
  const config = readConfig();
  let token = storedToken();
  const input = document.getElementById('dxhub-token') as HTMLInputElement | null;
  const status = document.getElementById('dxhub-token-status');
  const mount = document.getElementById('dxhub-graphiql');
  if (!mount) return;
  const root = createRoot(mount);

  const fetcher = async (params: unknown) => {
    const response = await fetch(config.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(params),
    });
    return response.json();
  };

  let generation = 0;
  const render = () => {
    generation += 1;
    // A new key remounts GraphiQL, so the schema is fetched again with the new token.
    root.render(
      createElement(GraphiQL, {
        key: generation,
        fetcher,
        defaultTabs: config.examples.map((example) => ({
          query: example.query,
          ...(example.variables ? { variables: JSON.stringify(example.variables, null, 2) } : {}),
        })),
        defaultEditorToolsVisibility: true,
      }),
    );
  };

  const showStatus = () => {
    if (status) status.dataset.state = token ? 'set' : 'empty';
  };
  if (input) {
    input.value = token;
    document.getElementById('dxhub-token-form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      token = normaliseToken(input.value);
      input.value = token;
      storeToken(token);
      showStatus();
      render();
    });
    document.getElementById('dxhub-token-clear')?.addEventListener('click', () => {
      token = '';
      input.value = '';
      storeToken('');
      showStatus();
      render();
    });
  }
  showStatus();
  render();
}

start();
