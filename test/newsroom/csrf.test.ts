import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { signIn, type Session } from '../helpers/newsroom.js';

describe(`CSRF on every state-changing newsroom request (${testDialect})`, () => {
  let site: TestSite;
  let admin: Session;
  before(async () => {
    site = await startTestSite();
    admin = await signIn(site, 'admin');
  });
  after(async () => site.close());

  test('each POST/PUT route refuses a request without the token (403) and with a wrong one (403)', async () => {
    const changing: [string, string][] = [
      ['POST', '/newsroom/logout'],
      ['POST', '/newsroom/articles'],
      ['POST', '/newsroom/articles/1'],
      ['POST', '/newsroom/articles/1/publish'],
      ['POST', '/newsroom/articles/1/unpublish'],
      ['POST', '/newsroom/articles/1/submit'],
      ['POST', '/newsroom/articles/1/schedule'],
      ['POST', '/newsroom/articles/1/embargo'],
      ['POST', '/newsroom/articles/1/archive'],
      ['POST', '/newsroom/articles/1/draft'],
      ['POST', '/newsroom/articles/1/correct'],
      ['POST', '/newsroom/articles/1/restore'],
      ['POST', '/newsroom/api/articles'],
      ['PUT', '/newsroom/api/articles/1'],
      ['POST', '/newsroom/api/articles/1/lock'],
      ['POST', '/newsroom/media'],
      ['POST', '/newsroom/people'],
      ['POST', '/newsroom/people/1/role'],
      ['POST', '/newsroom/account/locale'],
      ['POST', '/newsroom/account/password'],
      ['POST', '/newsroom/home'],
      ['POST', '/newsroom/login'],
      ['POST', '/newsroom/reset'],
    ];
    for (const [method, path] of changing) {
      for (const token of [undefined, 'wrong-token']) {
        const res = await fetch(`${site.url}${path}`, {
          method,
          headers: {
            cookie: admin.cookie,
            'content-type': 'application/x-www-form-urlencoded',
            ...(token && { 'x-csrf-token': token }),
          },
          body: new URLSearchParams({ headline: 'ખોટી વિનંતી', role: 'admin', email: 'x@example.com', name: 'x', password: 'x' }),
        });
        assert.equal(res.status, 403, `${method} ${path} with ${token ?? 'no'} token`);
      }
    }
    // The same session with its token is accepted (the check is not refusing everything).
    const ok = await fetch(`${site.url}/newsroom/account/locale`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrf, locale: 'en' }),
    });
    assert.equal(ok.status, 303);
  });
  test('a token in the query string is refused outside multipart uploads (URLs end up in logs)', async () => {
    const res = await fetch(`${site.url}/newsroom/account/locale?_csrf=${encodeURIComponent(admin.csrf)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ locale: 'en' }),
    });
    assert.equal(res.status, 403);
    const inBody = await fetch(`${site.url}/newsroom/account/locale`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrf, locale: 'gu' }),
    });
    assert.equal(inBody.status, 303);
  });
});
