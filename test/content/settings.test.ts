import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getSettings, SettingsError, writeSettings } from '../../src/content/settings.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';

describe(`site settings (${testDialect})`, () => {
  let db: TestDatabase;
  before(async () => (db = await openTestDatabase()));
  after(() => db.drop());
  const write = (patch: Parameters<typeof writeSettings>[1]) => db.db.transaction().execute((trx) => writeSettings(trx, patch));

  test('links that could run a script are refused, with the setting named', async () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x']) {
      await assert.rejects(write({ breakingBanner: { text: 'બ્રેકિંગ સમાચાર', url } }), (e: unknown) => e instanceof SettingsError && e.key.startsWith('breakingBanner'), url);
    }
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'tg://resolve?domain=x']) {
      await assert.rejects(write({ social: { x: url } }), (e: unknown) => e instanceof SettingsError && e.key.startsWith('social'), url);
    }
    assert.equal((await getSettings(db.db)).breakingBanner, null, 'nothing was stored');
  });

  test('site paths, https addresses and the channels\' own app links are kept', async () => {
    await write({ breakingBanner: { text: 'ગુજરાતમાં ભારે વરસાદ', url: '/gujarat/bhare-varsad' }, social: { telegram: 'tg://resolve?domain=khabar', whatsapp: 'https://whatsapp.com/channel/khabar', x: 'https://x.com/khabar' } });
    const s = await getSettings(db.db);
    assert.equal(s.breakingBanner?.url, '/gujarat/bhare-varsad');
    assert.equal(s.social.telegram, 'tg://resolve?domain=khabar');
  });
});
