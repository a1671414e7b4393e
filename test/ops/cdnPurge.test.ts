// A CDN in front of Khabar hears which pages changed: pages carry their content keys in
// `Surrogate-Key`, and each change is POSTed to CDN_PURGE_URL with the keys it touched, as
// Fastly's batch purge takes them. A local server stands in for the CDN's purge API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../../src/config.js';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { waitUntil } from './processes.js';

interface Purge {
  keys: string[];
  token: string | undefined;
}

describe(`CDN purge by surrogate key (${testDialect})`, () => {
  let cdn: Server;
  let site: TestSite;
  const purges: Purge[] = [];
  let answer = 200;

  before(async () => {
    cdn = createServer((req, res) => {
      purges.push({ keys: String(req.headers['surrogate-key'] ?? '').split(' ').filter(Boolean), token: req.headers['fastly-key'] as string | undefined });
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ status: answer === 200 ? 'ok' : 'error' }));
    });
    await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', r));
    const port = (cdn.address() as AddressInfo).port;
    site = await startTestSite({ env: { CDN_PURGE_URL: `http://127.0.0.1:${port}/service/khabar/purge`, CDN_PURGE_TOKEN: 'cdn-token-0123456789' } });
  });
  after(async () => {
    await site?.close();
    await new Promise((r) => cdn?.close(r));
  });

  test('CDN_PURGE_URL must be http(s); the token must fit in a header', () => {
    assert.throws(() => loadConfig({ CDN_PURGE_URL: 'ftp://cdn.example/purge' }), (e: Error) => e instanceof ConfigError && /CDN_PURGE_URL/.test(e.message));
    assert.throws(() => loadConfig({ CDN_PURGE_URL: 'https://cdn.example/purge', CDN_PURGE_TOKEN: 'ટોકન' }), (e: Error) => e instanceof ConfigError && /CDN_PURGE_TOKEN/.test(e.message));
    assert.deepEqual(loadConfig({ CDN_PURGE_URL: 'https://cdn.example/purge', CDN_PURGE_TOKEN: 'abc123' }).cdnPurge, { url: 'https://cdn.example/purge', token: 'abc123' });
  });

  test('every page carries `site` and its own keys; a new story purges the pages that list it, in one request', async () => {
    const [newest] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    const page = await fetch(`${site.url}${urls.article(newest!.sectionSlug, newest!.slug)}`);
    const pageKeys = (page.headers.get('surrogate-key') ?? '').split(' ');
    assert.ok(pageKeys.includes('site') && pageKeys.includes(`article:${newest!.id}`), pageKeys.join(' '));
    const home = (await fetch(`${site.url}/`)).headers.get('surrogate-key') ?? '';
    assert.ok(home.split(' ').includes('home'), home);

    const { person } = await addPerson(site.database.db, { email: 'cdn-tantri@example.com', name: 'તંત્રી', role: 'editor', password: 'ક્ષ-પાસવર્ડ-૨૦૨૬' });
    const editor = { id: person.id, role: 'editor' as const };
    const deps = { db: site.database.db, feed: site.feed };
    const draft = await createDraft(deps, { actor: editor, edit: { headline: 'સીડીએન પરથી જૂનું પાનું હટ્યું', sectionId: newest!.sectionId, bodyHtml: '<p>નવા સમાચાર તરત દેખાય છે.</p>' } });
    const before = purges.length;
    await publishArticle(deps, { actor: editor, articleId: draft.id });
    await waitUntil(() => purges.length > before, 5000, 'a purge request');
    const sent = purges.slice(before).flatMap((p) => p.keys);
    assert.ok(sent.includes('home'), `home purged: ${sent.join(' ')}`);
    assert.ok(sent.includes(`article:${draft.id}`), `the story's own key purged: ${sent.join(' ')}`);
    assert.equal(purges.length - before, 1, 'one batch for one publish');
    assert.equal(purges.at(-1)!.token, 'cdn-token-0123456789');
  });

  test('a settings change purges every page (`site`); a CDN answering 500 does not hurt the site', async () => {
    answer = 500;
    const before = purges.length;
    await site.changeSettings({ name: 'ખબર સમાચાર' });
    await waitUntil(() => purges.length > before, 5000, 'a purge request');
    assert.deepEqual(purges.at(-1)!.keys, ['site']);
    const res = await fetch(`${site.url}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /ખબર સમાચાર/);
  });
});
