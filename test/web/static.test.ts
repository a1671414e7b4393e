import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { testPassword } from '../helpers/newsroom.js';
import { addPerson } from '../../src/newsroom/people.js';

describe(`static files and sign-in redirects (${testDialect})`, () => {
  let site: TestSite;
  before(async () => (site = await startTestSite()));
  after(() => site.close());

  test('/assets/ serves what browsers load, never the editor source or the source map', async () => {
    assert.equal((await fetch(`${site.url}/assets/site.css`)).status, 200);
    assert.equal((await fetch(`${site.url}/assets/site.js`)).status, 200);
    if (existsSync('src/web/assets/build/editor.js')) assert.equal((await fetch(`${site.url}/assets/build/editor.js`)).status, 200);
    for (const path of ['/assets/editor/main.ts', '/assets/editor/autosave.ts', '/assets/build/editor.js.map', '/assets/build/../editor/main.ts']) {
      const res = await fetch(`${site.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /import \{|sourcesContent/, `${path} leaks no source`);
    }
  });

  test('a sign-in whose "next" carries a line break goes to the newsroom, never a 500', async () => {
    const email = 'agla-panna@example.com';
    await addPerson(site.database.db, { email, name: 'આગળનું પાનું', role: 'editor', password: testPassword });
    const form = await fetch(`${site.url}/newsroom/login`);
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    for (const next of ['/newsroom/media\r\nSet-Cookie: x=1', '/newsroom\u0000', '//evil.example/newsroom', '/newsroom\\..\\x']) {
      const res = await fetch(`${site.url}/newsroom/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email, password: testPassword, next }),
      });
      assert.equal(res.status, 303, JSON.stringify(next));
      assert.equal(res.headers.get('location'), '/newsroom', JSON.stringify(next));
    }
  });
});
