/**
 * No transport follows a redirect, and no transport reads past an object's bound. A WebDAV server
 * or an S3 endpoint answering 307 (on PUT, GET, PROPFIND...) to another host: the other host gets
 * nothing, credentials included, and the error says what to do. A GET answered with an endless
 * body: reading stops at the bound, the rest is never downloaded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { S3Transport } from '../../../../src-main/sync/s3-transport.ts';
import { TransportError, type Transport } from '../../../../src-main/sync/transport.ts';
import { WebDavTransport } from '../../../../src-main/sync/webdav-transport.ts';

interface Local {
  url: string;
  hits: { method: string; url: string; authorization: string | undefined }[];
  sent: () => number;
  close(): Promise<void>;
}

const opened: Local[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.close();
});

async function local(respond: (req: IncomingMessage, res: ServerResponse, count: (n: number) => void) => void): Promise<Local> {
  const hits: Local['hits'] = [];
  let sent = 0;
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    respond(req, res, (n) => (sent += n));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  const handle: Local = {
    url: `http://127.0.0.1:${port}`,
    hits,
    sent: () => sent,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
  opened.push(handle);
  return handle;
}

const SEGMENT = 'p/workspace/log/a1b2c3d4e5f60718293a4b5c6d7e8f90/1.seg';

const transports: [string, (url: string) => Transport][] = [
  ['WebDAV', (url) => new WebDavTransport({ url: `${url}/dav`, username: 'me', password: 'PASSWORD-CANARY', timeoutMs: 5_000 })],
  [
    'S3',
    (url) =>
      new S3Transport({
        endpoint: url,
        region: 'eu-central-1',
        bucket: 'caravan-sync',
        accessKeyId: 'AKIACANARY',
        secretAccessKey: 'PASSWORD-CANARY',
        pathStyle: true,
        timeoutMs: 5_000,
      }),
  ],
];

describe.each(transports)('%s', (_name, make) => {
  it('follows no 307 to another host, on any operation, and says so', async () => {
    const elsewhere = await local((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('taken'));
    const redirecting = await local((req, res) => res.writeHead(307, { Location: `${elsewhere.url}${req.url ?? '/'}` }).end());
    const t = make(redirecting.url);
    const errors = [
      await t.put(SEGMENT, new Uint8Array([1, 2, 3])).catch((e: unknown) => e),
      await t.get(SEGMENT).catch((e: unknown) => e),
      await t.list('p/').catch((e: unknown) => e),
      await t.delete(SEGMENT).catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ kind: 'config', retry: false, message: expect.stringMatching(/redirect \(HTTP 307\); Caravan follows no redirect/) });
    }
    expect(redirecting.hits.length).toBeGreaterThanOrEqual(4);
    expect(elsewhere.hits).toEqual([]);
  });

  it('stops reading an answer at the bound instead of downloading it whole', async () => {
    const endless = await local((_req, res, count) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = 256; // 16 MiB on offer
      const more = (): void => {
        while (left > 0 && !res.destroyed) {
          left -= 1;
          count(chunk.length);
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const error = await make(endless.url)
      .get('vault.json', 64 * 1024)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/larger than 65536 bytes/) });
    await new Promise((done) => setTimeout(done, 200));
    expect(endless.sent()).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses at once an answer that declares more than the bound', async () => {
    const big = await local((_req, res, count) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(32 * 1024 * 1024) });
      count(1024);
      res.write(Buffer.alloc(1024));
    });
    expect(
      await make(big.url)
        .get(SEGMENT)
        .catch((e: unknown) => e),
    ).toMatchObject({ kind: 'corrupt' });
  });
});
