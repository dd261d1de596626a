/**
 * A real S3 API for tests: s3rver over a temporary folder on 127.0.0.1 and a
 * port the OS picks, with one bucket. Clients use the real AWS SDK against it
 * (path-style, s3rver's fixed S3RVER/S3RVER credentials).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

/** The part of s3rver's API the tests use (it ships no types and is CommonJS). */
interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: unknown[] }[];
}) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

export interface S3Server {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The folder s3rver keeps objects in. */
  root: string;
  close(): Promise<void>;
}

export async function startS3(bucket = 'caravan-sync'): Promise<S3Server> {
  const root = await mkdtemp(join(tmpdir(), 'caravan-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: root, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    root,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
