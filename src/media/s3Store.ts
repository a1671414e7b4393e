import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { checkKey, contentTypeFor, readAll, type MediaObject, type MediaObjectInfo, type MediaStore, type PutOptions } from './store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Folder inside the bucket, without slashes at either end; '' for the bucket's root. */
  prefix: string;
  /** An S3-compatible service's address (MinIO, R2, Spaces…); AWS itself when absent. */
  endpoint?: string;
  region: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`, as most compatible services need. */
  forcePathStyle: boolean;
  /** Only for tests; otherwise the SDK's usual chain (AWS_ACCESS_KEY_ID…, profiles, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Media in S3-compatible object storage, shared by every instance; read with the AWS SDK v3. */
export class S3MediaStore implements MediaStore {
  readonly kind = 's3' as const;
  readonly where: string;
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.where = `s3://${options.bucket}${options.prefix ? `/${options.prefix}` : ''}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint && {
        endpoint: options.endpoint,
        // Many compatible services do not understand the SDK's default streaming checksums
        // (aws-chunked trailers) and would store the framing with the bytes.
        requestChecksumCalculation: 'WHEN_REQUIRED' as const,
        responseChecksumValidation: 'WHEN_REQUIRED' as const,
      }),
      ...(options.credentials && { credentials: options.credentials }),
    });
  }

  private objectKey(key: string): string {
    checkKey(key);
    return this.options.prefix ? `${this.options.prefix}/${key}` : key;
  }

  /** Fails with a readable line when the bucket cannot be reached (checked at start). */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (err) {
      const status = (err as S3ServiceException).$metadata?.httpStatusCode;
      const why = status === 404 ? 'no such bucket' : status === 403 ? 'access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)' : (err as Error).message || (err as Error).name;
      throw new Error(`cannot use media store ${this.where}: ${why}`);
    }
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<void> {
    const Key = this.objectKey(key);
    // A stream of unknown length cannot be sent in one PutObject; media files are small enough to hold.
    const payload = Buffer.isBuffer(body) || options.size !== undefined ? body : await readAll(body);
    const length = Buffer.isBuffer(payload) ? payload.length : options.size;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key,
        Body: payload,
        ContentType: options.contentType ?? contentTypeFor(key),
        ...(length !== undefined && { ContentLength: length }),
      }),
    );
  }

  async get(key: string): Promise<MediaObject | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      if (!(r.Body instanceof Readable)) throw new Error(`S3 answered ${key} without a readable body`);
      return { ...info(key, r), body: r.Body };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async head(key: string): Promise<MediaObjectInfo | undefined> {
    try {
      return info(key, await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) })));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<string> {
    const prefix = this.options.prefix ? `${this.options.prefix}/` : '';
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, ...(prefix && { Prefix: prefix }), ...(token && { ContinuationToken: token }) }),
      );
      // Keys ending in `/` are folder markers some tools create, not files.
      for (const o of page.Contents ?? []) if (o.Key && !o.Key.endsWith('/')) yield o.Key.slice(prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function info(key: string, r: { ContentLength?: number; ContentType?: string; ETag?: string; LastModified?: Date }): MediaObjectInfo {
  return {
    size: r.ContentLength ?? 0,
    contentType: r.ContentType ?? contentTypeFor(key),
    etag: r.ETag ?? `"${(r.LastModified ?? new Date(0)).getTime().toString(16)}"`,
    lastModified: r.LastModified ?? new Date(0),
  };
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404);
}
