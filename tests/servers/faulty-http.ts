/**
 * An HTTP proxy for fault tests, in front of a real server (rclone's WebDAV,
 * s3rver): on 127.0.0.1 and a port the OS picks, it passes each request on
 * unchanged (the Host header too, so WebDAV `Destination` URLs and S3
 * signatures still match) unless the test's rule says to answer with an error
 * status, to hang (hold the request unanswered, as a stalled server does), or
 * to reset the connection. Every request is recorded with what was done to it.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with one request: pass it on, hold it, cut it, or answer it with an error (a short text body unless `body` is given). */
export type Fault = 'pass' | 'hang' | 'reset' | { status: number; body?: string; contentType?: string };

/** One request as a rule sees it: the method and the decoded path. */
export interface ProxiedRequest {
  method: string;
  path: string;
}

export type FaultRule = (request: ProxiedRequest) => Fault;

export interface FaultyProxy {
  /** The proxy's base URL, with the upstream's path. */
  url: string;
  /** Every request so far, in arrival order, with what the proxy did to it. */
  readonly requests: (ProxiedRequest & { fault: Fault })[];
  /** How requests are treated from now on (everything passes until a rule is set). */
  set(rule: FaultRule): void;
  /** Passes everything again and drops the requests held by 'hang', as a restarted server would. */
  recover(): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(upstream: string): Promise<FaultyProxy> {
  const target = new URL(upstream);
  let rule: FaultRule = () => 'pass';
  const requests: (ProxiedRequest & { fault: Fault })[] = [];
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const out = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  const server = createServer((req, res) => {
    const seen: ProxiedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(new URL(req.url ?? '/', 'http://proxy').pathname) };
    const fault = rule(seen);
    requests.push({ ...seen, fault });
    if (fault === 'pass') return forward(req, res);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    // Read the body either way, so the client is waiting for an answer, not stuck sending.
    req.resume();
    if (fault === 'hang') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    req.on('end', () => res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/plain' }).end(fault.body ?? `injected HTTP ${fault.status}`));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    for (const res of held) res.destroy();
    held.clear();
  };
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    requests,
    set: (next) => {
      rule = next;
    },
    recover: () => {
      rule = () => 'pass';
      release();
    },
    close: async () => {
      release();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
