import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handle, type PipelineDeps } from './pipeline.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(deps: PipelineDeps, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const query = (req.url ?? '').split('?')[1] ?? '';
        const outcome = await handle(deps, { headers: req.headers, body, query });
        if (outcome.kind === 'drop') {
          // Simulates a connection lost before any response byte: the SDK sees ECONNRESET.
          req.socket.destroy();
          return;
        }
        res.writeHead(outcome.status, {
          'content-type': 'text/xml',
          'x-amzn-requestid': outcome.requestId,
          'content-length': Buffer.byteLength(outcome.body),
        });
        res.end(outcome.body);
      })
      .catch((error: unknown) => {
        deps.internalErrors.push(error);
        res.destroy();
      });
  });
  const actualPort = await listen(server, port);
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
