// Node http plumbing: read a JSON body, write a Reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './reply.ts';

export type ParsedBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

export const parseJson = (text: string): ParsedBody => {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

export const queryOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams.entries());

let requestCounter = 0;

export const sendReply = (res: ServerResponse, reply: Reply): void => {
  const headers: Record<string, string> = {
    'x-github-request-id': `EMU:${(++requestCounter).toString(16).toUpperCase()}`,
    ...reply.headers,
  };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    })
    .end(text);
};
