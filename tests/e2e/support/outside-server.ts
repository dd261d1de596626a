/** A real server on 127.0.0.1 standing for "somewhere outside the app": it counts what reaches it. */
import { createServer } from 'node:http';

export interface OutsideServer {
  origin: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startOutsideServer(): Promise<OutsideServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' });
    response.end('<h1>outside</h1>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('outside server did not bind');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    hits,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
