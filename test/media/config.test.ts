// Media settings from the environment: where files live (MEDIA_URL, with the database as the
// default on PostgreSQL), the S3 endpoint and region from the usual variables, image limits;
// and a wrong bucket stops `khabar serve` with one readable line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestS3 } from './s3server.js';

describe('media configuration', () => {
  test('no MEDIA_URL: the data folder on SQLite, the database on PostgreSQL', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: '/srv/khabar' }).media, { kind: 'disk', dir: '/srv/khabar/media' });
    assert.deepEqual(loadConfig({ DATA_DIR: '/srv/khabar', DATABASE_URL: 'postgres://db.internal:5432/khabar' }).media, { kind: 'database' });
  });

  test('file:, database and s3:// locations', () => {
    assert.deepEqual(loadConfig({ MEDIA_URL: 'file:./મીડિયા' }).media, { kind: 'disk', dir: resolve('./મીડિયા') });
    assert.deepEqual(loadConfig({ MEDIA_URL: 'file:///var/lib/khabar/media' }).media, { kind: 'disk', dir: '/var/lib/khabar/media' });
    assert.deepEqual(loadConfig({ MEDIA_URL: 'database' }).media, { kind: 'database' });
    assert.deepEqual(loadConfig({ MEDIA_URL: 's3://khabar-media/site/images/' }).media, {
      kind: 's3',
      bucket: 'khabar-media',
      prefix: 'site/images',
      region: 'us-east-1',
      forcePathStyle: false,
    });
    assert.deepEqual(loadConfig({ MEDIA_URL: 's3://khabar-media', AWS_REGION: 'ap-south-1' }).media, { kind: 's3', bucket: 'khabar-media', prefix: '', region: 'ap-south-1', forcePathStyle: false });
  });

  test('an S3-compatible endpoint: MEDIA_S3_ENDPOINT first, then the AWS variables; path style unless told otherwise', () => {
    const base = { MEDIA_URL: 's3://khabar-media/m' };
    assert.equal(loadConfig({ ...base, AWS_ENDPOINT_URL: 'https://s3.example.net' }).media.kind, 's3');
    const aws = loadConfig({ ...base, AWS_ENDPOINT_URL: 'https://s3.example.net', AWS_DEFAULT_REGION: 'auto' }).media;
    assert.deepEqual(aws, { kind: 's3', bucket: 'khabar-media', prefix: 'm', endpoint: 'https://s3.example.net', region: 'auto', forcePathStyle: true });
    const ours = loadConfig({ ...base, AWS_ENDPOINT_URL: 'https://s3.example.net', AWS_ENDPOINT_URL_S3: 'https://s3only.example.net', MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000' }).media;
    assert.equal(ours.kind === 's3' && ours.endpoint, 'http://127.0.0.1:9000');
    const virtual = loadConfig({ ...base, MEDIA_S3_ENDPOINT: 'https://spaces.example.com', MEDIA_S3_PATH_STYLE: 'off' }).media;
    assert.equal(virtual.kind === 's3' && virtual.forcePathStyle, false);
  });

  test('image limits: 40 megapixels, 2 workers, 30 uploads a minute unless set', () => {
    assert.deepEqual(loadConfig({}).images, { maxPixels: 40_000_000, workers: 2, uploadsPerMinute: 30 });
    assert.deepEqual(loadConfig({ MEDIA_MAX_MEGAPIXELS: '12.5', MEDIA_IMAGE_WORKERS: '1', MEDIA_UPLOADS_PER_MINUTE: '5' }).images, { maxPixels: 12_500_000, workers: 1, uploadsPerMinute: 5 });
  });

  test('bad values are refused with the variable named', () => {
    for (const [env, message] of [
      [{ MEDIA_URL: 'ftp://files.example.com/media' }, /MEDIA_URL "ftp:\/\/files\.example\.com\/media" is not supported/],
      [{ MEDIA_URL: 's3://A_Bucket/x' }, /does not name an S3 bucket/],
      [{ MEDIA_URL: 'file:' }, /names no folder/],
      [{ MEDIA_S3_ENDPOINT: 'not a url' }, /MEDIA_S3_ENDPOINT is invalid/],
      [{ MEDIA_IMAGE_WORKERS: '0' }, /MEDIA_IMAGE_WORKERS is invalid/],
      [{ MEDIA_MAX_MEGAPIXELS: 'lots' }, /MEDIA_MAX_MEGAPIXELS is invalid/],
    ] as const) {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(env));
    }
  });

  test('khabar serve with a bucket that does not exist stops with one readable line', async () => {
    const s3 = await startTestS3();
    const dataDir = mkdtempSync(join(tmpdir(), 'khabar-media-start-'));
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
          env: {
            ...process.env,
            LOG_LEVEL: 'silent',
            SEED_DEMO: 'off',
            PORT: '0',
            DATA_DIR: dataDir,
            MEDIA_URL: 's3://not-this-bucket/media',
            MEDIA_S3_ENDPOINT: s3.endpoint,
            AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          done({ code, stderr });
        });
      });
      assert.equal(r.code, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^khabar: cannot use media store s3:\/\/not-this-bucket\/media at http:\/\/127\.0\.0\.1:\d+: no such bucket$/);
    } finally {
      await s3.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
