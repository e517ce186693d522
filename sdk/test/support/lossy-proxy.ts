import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a proxy on 127.0.0.1 that forwards every POST to `target` and waits for the response,
 * but drops the client's connection instead of passing the response on for the first `losses`
 * requests. The server acted, and the client never received the result.
 */
export async function startLossyProxy(target: string, losses: number) {
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (
          typeof value === 'string' &&
          name !== 'host' &&
          name !== 'content-length' &&
          name !== 'connection'
        )
          headers[name] = value;
      }
      const answer = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
      const body = await answer.text();
      forwarded += 1;
      if (forwarded <= losses) {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    /** Number of requests the target has responded to so far. */
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
