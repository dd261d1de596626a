/**
 * An S3-compatible bucket (AWS, Hetzner, Scaleway, Wasabi, Backblaze B2,
 * Cloudflare R2, MinIO) as a sync target, through the AWS SDK. A single PUT
 * is atomic on S3: an object is visible whole or not at all, so no temporary
 * name is needed. Listing is paginated; 404 on get is "no object".
 */
import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { httpError, readBounded, systemError, tooLarge, TransportError, withTimeout, type StoredObject, type Transport } from './transport.ts';
import { maxBytesOf } from './object-key.ts';

export interface S3Settings {
  /** Full endpoint URL; see `s3-endpoints.ts` for the providers' defaults. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (MinIO, s3rver, most self-hosted); virtual-hosted otherwise. */
  pathStyle: boolean;
  timeoutMs?: number;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

export class S3Transport implements Transport {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #where: string;
  readonly #timeout: number;

  constructor(settings: S3Settings) {
    this.#s3 = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.pathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Our own retry (backoff with jitter in the engine) decides; the SDK tries twice at most.
      maxAttempts: 2,
      // A redirect to another region's endpoint would be a host the person never confirmed, in a
      // place the guard never judged: it is an error (`httpError`), never followed. The SDK's HTTP
      // handler follows no 3xx itself.
      followRegionRedirects: false,
    });
    this.#bucket = settings.bucket;
    this.#where = `The bucket ${settings.bucket} at ${new URL(settings.endpoint).host}`;
    this.#timeout = settings.timeoutMs ?? 60_000;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), this.#timeout, this.#where);
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (error instanceof S3ServiceException) {
        const status = error.$metadata.httpStatusCode;
        if (error.name === 'NoSuchBucket') throw new TransportError('config', `${this.#where} does not exist; create it at the provider or check its name.`);
        if (status !== undefined) throw httpError(status, this.#where);
      }
      // A gateway in front of a bucket may answer in plain text: the SDK then throws a parse error
      // that still carries the HTTP status, which says what happened (full, credentials, busy).
      const answered = httpStatusOf(error);
      if (answered !== undefined && answered >= 400) throw httpError(answered, this.#where);
      throw (
        systemError(error, this.#where) ?? new TransportError('network', `${this.#where} failed: ${error instanceof Error ? error.message : String(error)}`)
      );
    }
  }

  put(key: string, bytes: Uint8Array): Promise<void> {
    return this.#run(async () => {
      await this.#s3.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: bytes, ContentLength: bytes.byteLength }));
    });
  }

  get(key: string, maxBytes: number = maxBytesOf(key)): Promise<Uint8Array | null> {
    return this.#run(async () => {
      try {
        const response = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
        const body = response.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
        if (!body) return new Uint8Array();
        if ((response.ContentLength ?? 0) > maxBytes) {
          body.destroy?.();
          throw tooLarge(this.#where, key, maxBytes);
        }
        return await readBounded(body, maxBytes, () => tooLarge(this.#where, key, maxBytes));
      } catch (error) {
        if ((error instanceof S3ServiceException && error.name === 'NoSuchKey') || httpStatusOf(error) === 404) return null;
        throw error;
      }
    });
  }

  list(prefix: string): Promise<StoredObject[]> {
    return this.#run(async () => {
      const found: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await this.#s3.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        for (const item of page.Contents ?? []) {
          if (!item.Key) continue;
          const modified = item.LastModified?.getTime();
          found.push({ key: item.Key, size: item.Size ?? 0, ...(modified !== undefined && Number.isFinite(modified) ? { modified } : {}) });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  delete(key: string): Promise<void> {
    return this.#run(async () => {
      await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    });
  }

  async test(): Promise<void> {
    await this.#run(() => this.#s3.send(new HeadBucketCommand({ Bucket: this.#bucket })));
    const probe = `caravan-probe-${randomBytes(4).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }

  close(): void {
    this.#s3.destroy();
  }
}
