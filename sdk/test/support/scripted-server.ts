import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted server received. */
export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: { query: string; variables: Record<string, unknown>; operationName?: string };
  rawBody: string;
}

/** Response to one request; `destroy` drops the connection without a response. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  delayMs?: number;
  destroy?: boolean;
}

export type Responder = (request: ReceivedRequest, index: number) => ScriptedResponse;

/**
 * Starts an HTTP server on 127.0.0.1 that responds to each POST with the next responder in its script
 * (the last one repeats) and records what it received.
 */
export async function startScriptedServer(script: Responder[]) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        headers: req.headers,
        body: JSON.parse(rawBody || '{}'),
        rawBody,
      };
      const index = received.length;
      received.push(request);
      const responder = script[Math.min(index, script.length - 1)]!;
      const answer = responder(request, index);
      const respond = () => {
        if (answer.destroy) {
          req.socket.destroy();
          return;
        }
        const body = answer.text ?? JSON.stringify(answer.json ?? { data: null });
        res.writeHead(answer.status ?? 200, {
          'content-type': answer.text === undefined ? 'application/json' : 'text/html',
          ...answer.headers,
        });
        res.end(body);
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Responds with `data`. */
export const ok =
  (data: unknown, headers: Record<string, string> = {}): Responder =>
  () => ({ json: { data }, headers });
