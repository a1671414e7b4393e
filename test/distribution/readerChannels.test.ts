// The web push channel made on first start: VAPID keys generated once (two instances starting
// together make one channel), kept across restarts, the private key encrypted; none without
// KHABAR_SECRET_KEY. The public key is what the reader page hands browsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureWebPushChannel, pushInfo } from '../../src/distribution/readerChannels.js';
import { openChannel } from '../../src/distribution/channelStore.js';
import type { WebPushConfig } from '../../src/distribution/channels/webpush.js';
import { generateSecretKey, parseSecretKey } from '../../src/distribution/secrets.js';
import { openTestDatabase, testDialect } from '../helpers/database.js';

test(`VAPID keys are made once and kept (${testDialect})`, async () => {
  const database = await openTestDatabase();
  try {
    const key = parseSecretKey(generateSecretKey());
    assert.equal(await ensureWebPushChannel(database, null, 'https://khabar.example'), null, 'nothing without a key');
    const ids = await Promise.all([ensureWebPushChannel(database, key, 'https://khabar.example'), ensureWebPushChannel(database, key, 'https://khabar.example')]);
    assert.equal(ids[0], ids[1], 'two starts at once make one channel');
    const row = await database.db.selectFrom('channels').selectAll().where('type', '=', 'webpush').execute();
    assert.equal(row.length, 1);
    const stored = row[0]!.config;
    assert.ok(!stored.includes((openChannel(row[0]!, key).config as WebPushConfig).vapid.privateKey), 'the private key is encrypted at rest');
    assert.equal(await ensureWebPushChannel(database, key, 'https://khabar.example'), ids[0], 'a restart keeps the channel');
    const again = await database.db.selectFrom('channels').select('config').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    assert.equal(again.config, stored, 'and its keys');
    const info = await pushInfo(database.db);
    assert.equal(info?.publicKey, (openChannel(row[0]!, key).config as WebPushConfig).vapid.publicKey);
    assert.equal((openChannel(row[0]!, key).config as WebPushConfig).vapid.subject, 'https://khabar.example');
  } finally {
    await database.drop();
  }
});
