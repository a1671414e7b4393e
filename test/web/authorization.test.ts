// The newsroom's authorization through HTTP. Every newsroom route is taken from the router
// (Fastify's onRoute, as buildApp records it), not from a list kept here; a route nobody has
// classified below fails the test, so a new page must say who may use it. For each route and
// each role (contributor, author, editor, admin, signed out) the status must be the one the
// policy grants: 403 when refused, a redirect to the login page (HTML) or 401 (JSON) when
// signed out, anything else but those (and never a 5xx) when allowed. Routes about one story
// are tried on four stories per role: the person's own draft, their own story once
// published, another person's draft and another person's published story.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import type { Role } from '../../src/db/schema.js';
import { addPerson } from '../../src/newsroom/people.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { can, mayChangeMedia, mayEdit, mayPublish, roles, type Action, type Actor, type ArticleOwnership, type MediaOwnership } from '../../src/content/policies.js';
import { buildApp, type RouteInfo } from '../../src/web/server.js';
import { freePort, type TestSite } from '../helpers/site.js';
import { openTestDatabase, testDialect } from '../helpers/database.js';
import { signIn, type Session } from '../helpers/newsroom.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { updateSettings } from '../../src/newsroom/commands/updateSettings.js';

type Case = 'ownDraft' | 'ownPublished' | 'othersDraft' | 'othersPublished';
const cases: Case[] = ['ownDraft', 'ownPublished', 'othersDraft', 'othersPublished'];

/** How a route decides who may use it. */
type Rule =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  /** A role-level permission the route declares (`requirePermission`). */
  | { kind: 'role'; permission: Action }
  /** A decision about one story, made by the domain; `allowed` says what the policy grants. */
  | { kind: 'article'; allowed: (actor: Actor, story: ArticleOwnership) => boolean }
  /** A decision about one image of the library (its uploader, or editors and admins). */
  | { kind: 'media'; allowed: (actor: Actor, image: MediaOwnership) => boolean };

type ImageCase = 'ownImage' | 'othersImage' | 'importedImage';
const imageCases: ImageCase[] = ['ownImage', 'othersImage', 'importedImage'];

/** What each workflow button needs, from the policy's point of view. */
const actionRule: Record<string, (actor: Actor, story: ArticleOwnership) => boolean> = {
  submit: (a, s) => can(a, 'article.submit', s),
  publish: mayPublish,
  schedule: mayPublish,
  embargo: mayPublish,
  correct: mayPublish,
  unpublish: (a) => can(a, 'article.unpublish'),
  archive: (a) => can(a, 'article.archive'),
  draft: (a, s) => mayEdit(a, s) && (s.status !== 'published' || can(a, 'article.unpublish')),
  restore: mayEdit,
  update: mayPublish,
  discard: mayEdit,
  sendBack: (a) => can(a, 'article.sendBack'),
};

/** Every newsroom route, classified. The test fails on a route missing here. */
const rules: Record<string, Rule> = {
  'GET /newsroom/login': { kind: 'public' },
  'POST /newsroom/login': { kind: 'public' },
  'GET /newsroom/reset': { kind: 'public' },
  'POST /newsroom/reset': { kind: 'public' },
  'POST /newsroom/logout': { kind: 'signedIn' },
  'GET /newsroom': { kind: 'signedIn' },
  'GET /newsroom/articles': { kind: 'signedIn' },
  'GET /newsroom/articles/new': { kind: 'signedIn' },
  'POST /newsroom/articles': { kind: 'signedIn' },
  'POST /newsroom/api/articles': { kind: 'signedIn' },
  'GET /newsroom/media': { kind: 'signedIn' },
  'GET /newsroom/account': { kind: 'signedIn' },
  // Any other page under /newsroom: the newsroom's own 404 (signed out: the login page first).
  'GET /newsroom/*': { kind: 'signedIn' },
  'POST /newsroom/account/locale': { kind: 'signedIn' },
  'POST /newsroom/account/password': { kind: 'signedIn' },
  'POST /newsroom/media': { kind: 'role', permission: 'media.upload' },
  'GET /newsroom/api/media': { kind: 'signedIn' },
  'POST /newsroom/media/:id': { kind: 'media', allowed: mayChangeMedia },
  'POST /newsroom/media/:id/delete': { kind: 'media', allowed: mayChangeMedia },
  'PUT /newsroom/api/media/:id': { kind: 'media', allowed: mayChangeMedia },
  'POST /newsroom/api/suggest-tags': { kind: 'role', permission: 'article.create' },
  'GET /newsroom/api/transliterate': { kind: 'role', permission: 'article.create' },
  'POST /newsroom/api/spellcheck': { kind: 'role', permission: 'article.create' },
  'GET /newsroom/people': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/role': { kind: 'role', permission: 'people.manage' },
  'GET /newsroom/pages/new': { kind: 'role', permission: 'pages.manage' },
  'POST /newsroom/pages': { kind: 'role', permission: 'pages.manage' },
  'POST /newsroom/api/pages': { kind: 'role', permission: 'pages.manage' },
  'GET /newsroom/menus': { kind: 'role', permission: 'menus.manage' },
  'POST /newsroom/menus/:menu/add': { kind: 'role', permission: 'menus.manage' },
  'POST /newsroom/menus/:menu/move': { kind: 'role', permission: 'menus.manage' },
  'POST /newsroom/menus/:menu/remove': { kind: 'role', permission: 'menus.manage' },
  'POST /newsroom/menus/:menu/order': { kind: 'role', permission: 'menus.manage' },
  'GET /newsroom/people/:id': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/profile': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/photo': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/photo/remove': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/invite': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/reset-link': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/deactivate': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/people/:id/reactivate': { kind: 'role', permission: 'people.manage' },
  'POST /newsroom/account/profile': { kind: 'signedIn' },
  'POST /newsroom/account/photo': { kind: 'signedIn' },
  'POST /newsroom/account/photo/remove': { kind: 'signedIn' },
  'GET /newsroom/forgot': { kind: 'public' },
  'POST /newsroom/forgot': { kind: 'public' },
  'GET /newsroom/home': { kind: 'role', permission: 'home.curate' },
  'POST /newsroom/home': { kind: 'role', permission: 'home.curate' },
  'POST /newsroom/home/pins': { kind: 'role', permission: 'home.curate' },
  'GET /newsroom/comments': { kind: 'role', permission: 'comments.moderate' },
  'POST /newsroom/comments': { kind: 'role', permission: 'comments.moderate' },
  'POST /newsroom/comments/settings': { kind: 'role', permission: 'comments.moderate' },
  'POST /newsroom/comments/:id/reply': { kind: 'role', permission: 'comments.moderate' },
  // Each story is checked by the bulk command; a refused one is reported, not a 403.
  'POST /newsroom/articles/bulk': { kind: 'signedIn' },
  'GET /newsroom/analytics': { kind: 'role', permission: 'analytics.view' },
  'GET /newsroom/analytics/articles/:id': { kind: 'role', permission: 'analytics.view' },
  'GET /newsroom/analytics.csv': { kind: 'role', permission: 'analytics.view' },
  'GET /newsroom/channels': { kind: 'role', permission: 'distribution.manage' },
  'GET /newsroom/channels/new': { kind: 'role', permission: 'distribution.manage' },
  'GET /newsroom/channels/:id': { kind: 'role', permission: 'distribution.manage' },
  'POST /newsroom/channels': { kind: 'role', permission: 'distribution.manage' },
  'POST /newsroom/channels/:id': { kind: 'role', permission: 'distribution.manage' },
  'POST /newsroom/channels/:id/enabled': { kind: 'role', permission: 'distribution.manage' },
  'POST /newsroom/channels/:id/test': { kind: 'role', permission: 'distribution.manage' },
  'POST /newsroom/deliveries/:id/resend': { kind: 'role', permission: 'distribution.manage' },
  'GET /newsroom/articles/:id/deliveries': { kind: 'article', allowed: (a, s) => can(a, 'article.view', s) },
  'GET /newsroom/articles/:id/edit': { kind: 'article', allowed: (a, s) => can(a, 'article.view', s) },
  'GET /newsroom/articles/:id/revisions': { kind: 'article', allowed: (a, s) => can(a, 'article.viewRevisions', s) },
  'GET /newsroom/articles/:id/share-card.jpg': { kind: 'article', allowed: (a, s) => can(a, 'article.view', s) },
  'POST /newsroom/articles/:id': { kind: 'article', allowed: mayEdit },
  'POST /newsroom/articles/:id/featured': { kind: 'article', allowed: mayEdit },
  'PUT /newsroom/api/articles/:id': { kind: 'article', allowed: mayEdit },
  'POST /newsroom/api/articles/:id/lock': { kind: 'article', allowed: mayEdit },
  'GET /newsroom/settings': { kind: 'role', permission: 'settings.manage' },
  'POST /newsroom/settings': { kind: 'role', permission: 'settings.manage' },
  'POST /newsroom/settings/logo': { kind: 'role', permission: 'settings.manage' },
  'POST /newsroom/settings/favicon': { kind: 'role', permission: 'settings.manage' },
  'GET /newsroom/settings/history': { kind: 'role', permission: 'settings.manage' },
  'GET /newsroom/sections': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections/order': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections/:id': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections/:id/:direction': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections/:id/merge': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/sections/:id/delete': { kind: 'role', permission: 'taxonomy.manage' },
  'GET /newsroom/tags': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/tags': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/tags/:id': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/tags/:id/merge': { kind: 'role', permission: 'taxonomy.manage' },
  'POST /newsroom/tags/:id/delete': { kind: 'role', permission: 'taxonomy.manage' },
  // Whoever may see the story may hand its preview to someone outside the newsroom.
  'POST /newsroom/api/articles/:id/preview-link': { kind: 'article', allowed: (a, s) => can(a, 'article.view', s) },
  // Expanded below into one route per value of `:action` (the route's params schema lists them).
  'POST /newsroom/articles/:id/:action': { kind: 'article', allowed: () => false },
};

interface Site extends TestSite {
  routes: RouteInfo[];
}

const sharedMedia = join(tmpdir(), 'khabar-test-media');

async function startSite(): Promise<Site> {
  const database = await openTestDatabase();
  const feed = new LocalChangeFeed();
  mkdirSync(sharedMedia, { recursive: true });
  symlinkSync(sharedMedia, join(database.dir, 'media'));
  await seedDemo({ db: database.db, feed, media: new DiskMediaStore(sharedMedia) }, demoContent);
  const port = await freePort();
  const config = loadConfig({ DATA_DIR: database.dir, LOG_LEVEL: 'silent' }, { port, host: '127.0.0.1' });
  const { app, cache, routes } = await buildApp({ config, database, feed });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: config.publicUrl,
    app,
    cache,
    database,
    feed,
    routes,
    changeSettings: async (patch) => void (await updateSettings({ db: database.db, feed }, { actor: { id: 0, role: 'admin' }, patch })),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** `2026-…T…` an hour from now, India time, as the schedule form takes it. */
const inAnHourIst = () => new Date(Date.now() + 3600_000 + 5.5 * 3600_000).toISOString().slice(0, 16);

describe(`newsroom authorization matrix over HTTP (${testDialect})`, () => {
  let site: Site;
  let sessions: Record<Role, Session>;
  let other: Actor;
  let editorActor: Actor;
  let sectionId: number;
  let publishedId: number;
  let png: Buffer;
  let targetPerson: number;
  let commentId: number;
  /** Every newsroom route (HEAD is Fastify's copy of GET). */
  let newsroom: RouteInfo[];
  /** Observed statuses, by `role|METHOD url|case`, for the hand-written checks at the end. */
  const seen = new Map<string, number>();

  before(async () => {
    site = await startSite();
    sessions = {} as Record<Role, Session>;
    for (const role of roles) sessions[role] = await signIn(site, role);
    const o = await addPerson(site.database.db, { email: 'other@example.com', name: 'બીજા લેખક', role: 'contributor', password: 'બીજો-પાસવર્ડ-2026' });
    other = { id: o.person.id, role: 'contributor' };
    editorActor = { id: sessions.editor.personId, role: 'editor' };
    targetPerson = (await addPerson(site.database.db, { email: 'target@example.com', name: 'ભૂમિકા બદલનાર', role: 'contributor', password: 'ત્રીજો-પાસવર્ડ-2026' })).person.id;
    const { db } = site.database;
    sectionId = (await db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    publishedId = (await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id;
    commentId = (await db.selectFrom('comments').select('id').orderBy('id').executeTakeFirst())?.id ?? 1;
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2f6f8f' } }).png().toBuffer();
    newsroom = site.routes.filter((r) => r.url.startsWith('/newsroom') && r.method !== 'HEAD');
  });
  after(async () => site.close());

  const domain = () => ({ db: site.database.db, feed: site.feed });

  /** A fresh story in the given relation to `owner`, so that no try changes another's ground. */
  async function story(c: Case, owner: Actor): Promise<{ id: number; own: ArticleOwnership }> {
    const writer = c === 'ownDraft' || c === 'ownPublished' ? owner : other;
    const { id } = await createDraft(domain(), { actor: writer, edit: { headline: `અધિકારની ચકાસણી ${c} ${Math.random().toString(36).slice(2, 8)}`, sectionId, bodyHtml: '<p>કચ્છના રણમાં ઉત્સવ.</p>' } });
    const published = c === 'ownPublished' || c === 'othersPublished';
    if (published) await publishArticle(domain(), { actor: editorActor, articleId: id });
    return { id, own: { createdBy: writer.id, authorIds: [writer.id], status: published ? 'published' : 'draft' } };
  }

  /** The query a GET route is tried with: transliterate needs a word; revisions are compared too. */
  const queryFor = (key: string) => (key === 'GET /newsroom/api/transliterate' ? '?q=amdavad' : key === 'GET /newsroom/articles/:id/revisions' ? '?from=1&to=1' : '');

  /** A request a browser or the editor script would send to this route, valid enough to reach the policy. */
  function request(route: RouteInfo, path: string, s: Session | undefined, o: { action?: string; csrf?: boolean } = {}): Promise<Response> {
    const key = `${route.method} ${route.url}`;
    const headers: Record<string, string> = s ? { cookie: s.cookie } : {};
    const token: Record<string, string> = o.csrf === false || !s ? {} : { 'x-csrf-token': s.csrf };
    const url = `${site.url}${path}`;
    if (route.method === 'GET') return fetch(`${url}${queryFor(key)}`, { headers, redirect: 'manual' });
    if (route.url.startsWith('/newsroom/api/')) {
      const json: Record<string, unknown> =
        key === 'POST /newsroom/api/articles'
          ? { headline: 'સ્ક્રિપ્ટથી નવો લેખ', sectionId }
          : key === 'PUT /newsroom/api/articles/:id'
            ? { version: 1, edit: { dek: 'નવો સાર' } }
            : key === 'POST /newsroom/api/spellcheck'
              ? { text: 'ગુજરાત' }
              : key === 'POST /newsroom/api/suggest-tags'
                ? { headline: 'ગુજરાતમાં વરસાદ' }
                : {};
      return fetch(url, { method: route.method, headers: { ...headers, ...token, 'content-type': 'application/json' }, body: JSON.stringify(json), redirect: 'manual' });
    }
    if (key === 'POST /newsroom/media') {
      const form = new FormData();
      form.append('alt', 'અધિકાર');
      form.append('file', new Blob([new Uint8Array(png)]), 'ચકાસણી.png');
      return fetch(url, { method: 'POST', headers: { ...headers, ...token, accept: 'application/json' }, body: form, redirect: 'manual' });
    }
    const fields: Record<string, string> =
      key === 'POST /newsroom/articles'
        ? { headline: 'ફોર્મથી નવો લેખ', sectionId: String(sectionId) }
        : key === 'POST /newsroom/articles/:id'
          ? { version: '1', dek: 'ફોર્મથી બદલેલો સાર' }
          : key === 'POST /newsroom/articles/:id/featured'
            ? { version: '1', mediaId: '' }
          : key === 'POST /newsroom/people'
            ? { email: `invite-${Math.random().toString(36).slice(2)}@example.com`, name: 'નવા સાથી', role: 'contributor' }
            : key === 'POST /newsroom/people/:id/role'
              ? { role: 'contributor' }
              : key === 'POST /newsroom/home' || key === 'POST /newsroom/home/pins'
                ? { pins: '', bannerText: '' }
                : key === 'POST /newsroom/comments'
                  ? { action: 'approve', ids: String(commentId) }
                  : key === 'POST /newsroom/comments/settings'
                    ? { maxLinks: '2', blocklist: '' }
                    : key === 'POST /newsroom/account/locale'
                      ? { locale: 'gu' }
                      : key === 'POST /newsroom/account/password'
                        ? { current: 'ખોટો-પાસવર્ડ-હાલનો', next: 'નવો-પાસવર્ડ-અજમાયશ' }
                        : o.action === 'schedule' || o.action === 'embargo'
                          ? { at: inAnHourIst() }
                          : o.action === 'correct'
                            ? { note: 'સુધારો: આંકડો સાચો કર્યો.' }
                            : o.action === 'restore'
                              ? { version: '1', baseVersion: '1' }
                              : {};
    return fetch(url, {
      method: route.method,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(o.csrf === false || !s ? fields : { _csrf: s.csrf, ...fields }),
      redirect: 'manual',
    });
  }

  const isApi = (route: RouteInfo) => route.url.startsWith('/newsroom/api/');
  const toLogin = (res: Response) => res.status === 303 && (res.headers.get('location') ?? '').startsWith('/newsroom/login');

  function assertAllowed(res: Response, what: string) {
    assert.ok(res.status < 500, `${what}: ${res.status} (never a server error)`);
    assert.ok(res.status !== 401 && res.status !== 403 && !toLogin(res), `${what}: allowed by the policy, got ${res.status}`);
  }
  function assertRefused(res: Response, what: string) {
    assert.equal(res.status, 403, `${what}: refused by the policy`);
  }

  /** Where a path parameter that is not a story points. */
  function fill(route: RouteInfo, id: number, action?: string): string {
    return route.url.replace(':id', String(id)).replace(':action', action ?? '');
  }

  /** The routes with their `:action` values spread out. */
  function expanded(): { route: RouteInfo; key: string; action?: string; rule: Rule }[] {
    return newsroom.flatMap((route) => {
      const key = `${route.method} ${route.url}`;
      const rule = rules[key];
      assert.ok(rule, `${key} is a newsroom route no rule here describes: add it to \`rules\` with who may use it`);
      if (!route.url.endsWith('/:action')) return [{ route, key, rule }];
      const values = (route.params as { properties: { action: { enum: string[] } } }).properties.action.enum;
      assert.deepEqual([...values].sort(), Object.keys(actionRule).sort(), 'every workflow action has its rule');
      return values.map((action) => ({ route, key: `${route.method} /newsroom/articles/:id/${action}`, action, rule: { kind: 'article' as const, allowed: actionRule[action]! } }));
    });
  }

  test('the router has the newsroom routes, every one classified', () => {
    assert.ok(newsroom.length >= 30, `found ${newsroom.length} newsroom routes`);
    const keys = new Set(newsroom.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(rules)) assert.ok(keys.has(key), `${key} is described here but is not a route any more`);
    for (const { key, rule, route } of expanded()) {
      if (rule.kind === 'role') assert.equal(route.config.permission, rule.permission, `${key} declares ${rule.permission}`);
      if (rule.kind === 'public') assert.equal(route.config.public, true, `${key} is open to people signed out`);
    }
  });

  test('signed out: a redirect to the login page (HTML) or 401 (JSON); changes refused without a session (403)', async () => {
    for (const { route, key, action, rule } of expanded()) {
      const path = fill(route, publishedId, action);
      const res = await request(route, path, undefined, { ...(action && { action }) });
      if (rule.kind === 'public') {
        if (route.method === 'GET') assert.equal(res.status, 200, key);
        else assert.equal(res.status, 403, `${key}: no login CSRF cookie`);
        continue;
      }
      if (route.method !== 'GET') assert.equal(res.status, 403, `${key}: no session, so no CSRF token can match`);
      else if (isApi(route)) assert.equal(res.status, 401, key);
      else {
        assert.ok(toLogin(res), `${key}: redirected to the login page, got ${res.status}`);
        assert.equal(res.headers.get('location'), `/newsroom/login?next=${encodeURIComponent(path + queryFor(key))}`, key);
      }
    }
  });

  test('every state-changing route refuses a request without the CSRF token, even an admin’s', async () => {
    for (const { route, key, action, rule } of expanded()) {
      if (route.method === 'GET' || rule.kind === 'public') continue;
      const target = rule.kind === 'article' ? (await story('ownDraft', { id: sessions.admin.personId, role: 'admin' })).id : route.url.includes('/people/') ? targetPerson : publishedId;
      const res = await request(route, fill(route, target, action), sessions.admin, { csrf: false, ...(action && { action }) });
      assert.equal(res.status, 403, `${key} without a token`);
    }
  });

  for (const role of roles) {
    test(`${role}: every newsroom route answers as the policy grants`, async () => {
      const s = sessions[role];
      const actor: Actor = { id: s.personId, role };
      for (const { route, key, action, rule } of expanded()) {
        if (rule.kind === 'public' || key === 'POST /newsroom/logout') continue;
        if (rule.kind === 'media') {
          for (const c of imageCases) {
            const uploadedBy = c === 'ownImage' ? actor.id : c === 'othersImage' ? other.id : null;
            const image = await site.database.db
              .insertInto('media')
              .values({ path: `auth/${Math.random().toString(36).slice(2)}.jpg`, mime: 'image/jpeg', width: 40, height: 30, alt: 'અધિકાર', caption: '', created_at: new Date().toISOString(), uploaded_by: uploadedBy })
              .returning('id')
              .executeTakeFirstOrThrow();
            const res = await request(route, fill(route, image.id), s);
            seen.set(`${role}|${key}|${c}`, res.status);
            if (rule.allowed(actor, { uploadedBy })) assertAllowed(res, `${role} ${key} on ${c}`);
            else assertRefused(res, `${role} ${key} on ${c}`);
          }
          continue;
        }
        if (rule.kind === 'article') {
          for (const c of cases) {
            const { id, own } = await story(c, actor);
            const res = await request(route, fill(route, id, action), s, { ...(action && { action }) });
            seen.set(`${role}|${key}|${c}`, res.status);
            if (rule.allowed(actor, own)) assertAllowed(res, `${role} ${key} on ${c}`);
            else assertRefused(res, `${role} ${key} on ${c}`);
          }
          continue;
        }
        const target = route.url.includes('/people/') ? targetPerson : publishedId;
        const res = await request(route, fill(route, target), s);
        seen.set(`${role}|${key}`, res.status);
        if (rule.kind === 'signedIn' || can(actor, rule.permission)) assertAllowed(res, `${role} ${key}`);
        else assertRefused(res, `${role} ${key}`);
      }
      // Logging out ends a session: tried on one of its own.
      const fresh = await signIn(site, role);
      const logout = newsroom.find((r) => r.url === '/newsroom/logout')!;
      const out = await request(logout, '/newsroom/logout', fresh);
      assert.equal(out.status, 303);
      assert.equal(out.headers.get('location'), '/newsroom/login');
    });
  }

  test('what the policy says for others’ stories, written out (from the sweep above)', () => {
    const expect: [Role, string, Case, 'ok' | 403][] = [
      // Contributors: only their own stories, and not once they are out.
      ['contributor', 'GET /newsroom/articles/:id/edit', 'othersDraft', 403],
      ['contributor', 'GET /newsroom/articles/:id/edit', 'othersPublished', 403],
      ['contributor', 'GET /newsroom/articles/:id/revisions', 'othersDraft', 403],
      ['contributor', 'POST /newsroom/api/articles/:id/lock', 'othersDraft', 403],
      ['contributor', 'PUT /newsroom/api/articles/:id', 'othersDraft', 403],
      ['contributor', 'GET /newsroom/articles/:id/edit', 'ownPublished', 'ok'],
      ['contributor', 'GET /newsroom/articles/:id/revisions', 'ownPublished', 'ok'],
      ['contributor', 'PUT /newsroom/api/articles/:id', 'ownPublished', 403],
      ['contributor', 'POST /newsroom/articles/:id', 'ownPublished', 403],
      ['contributor', 'POST /newsroom/api/articles/:id/lock', 'ownPublished', 403],
      ['contributor', 'PUT /newsroom/api/articles/:id', 'ownDraft', 'ok'],
      ['contributor', 'POST /newsroom/articles/:id/publish', 'ownDraft', 403],
      // Authors: others' published stories read-only; not others' drafts.
      ['author', 'GET /newsroom/articles/:id/edit', 'othersPublished', 'ok'],
      ['author', 'GET /newsroom/articles/:id/edit', 'othersDraft', 403],
      ['author', 'GET /newsroom/articles/:id/revisions', 'othersPublished', 403],
      ['author', 'POST /newsroom/api/articles/:id/lock', 'othersPublished', 403],
      ['author', 'PUT /newsroom/api/articles/:id', 'othersPublished', 403],
      ['author', 'POST /newsroom/articles/:id/publish', 'othersDraft', 403],
      ['author', 'POST /newsroom/articles/:id/publish', 'ownDraft', 'ok'],
      ['author', 'PUT /newsroom/api/articles/:id', 'ownPublished', 'ok'],
      // Editors and admins: every story.
      ['editor', 'GET /newsroom/articles/:id/edit', 'othersDraft', 'ok'],
      ['editor', 'GET /newsroom/articles/:id/revisions', 'othersDraft', 'ok'],
      ['editor', 'POST /newsroom/api/articles/:id/lock', 'othersDraft', 'ok'],
      ['admin', 'GET /newsroom/articles/:id/revisions', 'othersDraft', 'ok'],
      ['admin', 'POST /newsroom/articles/:id/unpublish', 'othersPublished', 'ok'],
    ];
    for (const [role, key, c, want] of expect) {
      const status = seen.get(`${role}|${key}|${c}`);
      assert.ok(status !== undefined, `${role} ${key} ${c} was tried`);
      if (want === 403) assert.equal(status, 403, `${role} ${key} on ${c}`);
      else assert.ok(status < 400 || status === 409, `${role} ${key} on ${c}: ${status}`);
    }
    for (const [role, key, want] of [
      ['contributor', 'GET /newsroom/people', 403],
      ['editor', 'GET /newsroom/people', 403],
      ['admin', 'GET /newsroom/people', 200],
      ['author', 'GET /newsroom/comments', 403],
      ['editor', 'GET /newsroom/comments', 200],
      ['contributor', 'GET /newsroom/analytics', 403],
      ['editor', 'GET /newsroom/home', 200],
      ['author', 'POST /newsroom/home', 403],
    ] as const) {
      assert.equal(seen.get(`${role}|${key}`), want, `${role} ${key}`);
    }
  });

  test('settings are the admin’s alone, on every route that needs settings.manage', async (t) => {
    const settingsRoutes = expanded().filter((r) => r.rule.kind === 'role' && r.rule.permission === 'settings.manage');
    for (const role of roles) assert.equal(can({ id: 1, role }, 'settings.manage'), role === 'admin', role);
    if (settingsRoutes.length === 0) t.diagnostic('no newsroom route needs settings.manage yet (there is no settings page); the sweep above covers it once one declares it');
    for (const { route, key } of settingsRoutes) {
      for (const role of roles) {
        const res = await request(route, fill(route, publishedId), sessions[role]);
        if (role === 'admin') assertAllowed(res, `${role} ${key}`);
        else assertRefused(res, `${role} ${key}`);
      }
    }
  });

  test('a refused editor page, save or lock does not take the edit lock; a read-only page takes none either', async () => {
    const { db } = site.database;
    const holder = async (id: number) => (await db.selectFrom('articles').select('editing_by').where('id', '=', id).executeTakeFirstOrThrow()).editing_by;
    const c = sessions.contributor;
    const draft = await story('othersDraft', { id: c.personId, role: 'contributor' });
    const put = await fetch(`${site.url}/newsroom/api/articles/${draft.id}`, {
      method: 'PUT',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, edit: { headline: 'બીજાનો લેખ મારો' } }),
    });
    assert.equal(put.status, 403);
    assert.equal(((await put.json()) as { error: string }).error, 'forbidden');
    assert.equal(await holder(draft.id), null, 'the refused PUT took no lock');
    const lock = await fetch(`${site.url}/newsroom/api/articles/${draft.id}/lock`, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
    assert.equal(lock.status, 403);
    assert.equal((await fetch(`${site.url}/newsroom/articles/${draft.id}/edit`, { headers: { cookie: c.cookie } })).status, 403);
    assert.equal(await holder(draft.id), null, 'nor the refused lock or page');
    const stored = await db.selectFrom('articles').select('headline').where('id', '=', draft.id).executeTakeFirstOrThrow();
    assert.ok(stored.headline.startsWith('અધિકારની ચકાસણી'), 'nothing was written');

    // An author reads someone else's published story: the page, disabled, with no editor script and no lock.
    const a = sessions.author;
    const theirs = await story('othersPublished', { id: a.personId, role: 'author' });
    const page = await fetch(`${site.url}/newsroom/articles/${theirs.id}/edit`, { headers: { cookie: a.cookie } });
    assert.equal(page.status, 200);
    const $ = load(await page.text());
    assert.equal($('fieldset.editor-fields[disabled]').length, 1, 'the fields are disabled');
    assert.equal($('script[src="/assets/build/editor.js"]').length, 0, 'no editor script');
    assert.equal($('#save-button').length, 0, 'no save button');
    assert.equal($('[data-action]').length, 0, 'no workflow buttons');
    assert.equal($(`a[href="/newsroom/articles/${theirs.id}/revisions"]`).length, 0, 'no history link');
    assert.equal(await holder(theirs.id), null, 'reading takes no lock');

    // The one who may edit takes it, and the reader is then told who holds it.
    await fetch(`${site.url}/newsroom/articles/${theirs.id}/edit`, { headers: { cookie: sessions.editor.cookie } });
    assert.equal(await holder(theirs.id), sessions.editor.personId);
    const again = load(await (await fetch(`${site.url}/newsroom/articles/${theirs.id}/edit`, { headers: { cookie: a.cookie } })).text());
    assert.ok(again('.notice-error').text().includes('editor પરીક્ષક'));
    assert.equal(await holder(theirs.id), sessions.editor.personId, 'still the editor’s');
  });

  test('lists and the dashboard show only the stories a person may see', async () => {
    const c = sessions.contributor;
    const a = sessions.author;
    const mineDraft = await story('ownDraft', { id: c.personId, role: 'contributor' });
    const othersDraft = await story('othersDraft', { id: c.personId, role: 'contributor' });
    const othersPublished = await story('othersPublished', { id: c.personId, role: 'contributor' });
    const submit = await fetch(`${site.url}/newsroom/articles/${othersDraft.id}/submit`, { method: 'POST' });
    assert.equal(submit.status, 403, 'signed out');
    const { submitArticle } = await import('../../src/newsroom/commands/submitArticle.js');
    await submitArticle(domain(), { actor: other, articleId: othersDraft.id });
    const listed = async (s: Session, path: string) =>
      load(await (await fetch(`${site.url}${path}`, { headers: { cookie: s.cookie } })).text())('tr[data-article-id]')
        .toArray()
        .map((el) => Number(load(el)('tr').attr('data-article-id')));
    const contributorList = await listed(c, '/newsroom/articles');
    assert.ok(contributorList.includes(mineDraft.id), 'a contributor sees their own draft');
    assert.ok(!contributorList.includes(othersDraft.id), 'not another’s draft');
    assert.ok(!contributorList.includes(othersPublished.id), 'nor another’s published story');
    assert.ok(!(await listed(c, '/newsroom')).includes(othersDraft.id), 'the dashboard’s review queue is scoped too');
    assert.ok(!(await listed(c, `/newsroom/articles?author=${other.id}`)).includes(othersDraft.id), 'filtering by the other person shows nothing of theirs');
    const authorList = await listed(a, '/newsroom/articles');
    assert.ok(authorList.includes(othersPublished.id), 'an author sees others’ published stories');
    assert.ok(!authorList.includes(othersDraft.id), 'but not their drafts');
    const editorList = await listed(sessions.editor, '/newsroom/articles');
    assert.ok(editorList.includes(othersDraft.id) && editorList.includes(othersPublished.id) && editorList.includes(mineDraft.id), 'an editor sees all');
    assert.ok((await listed(sessions.editor, '/newsroom')).includes(othersDraft.id), 'and the review queue has it');
  });

  test('an author publishes a story only with their own byline on it', async () => {
    const a = sessions.author;
    const author: Actor = { id: a.personId, role: 'author' };
    const bylinedToOther = await createDraft(domain(), { actor: author, edit: { headline: 'બીજાના નામે લખેલો લેખ', sectionId, authorIds: [other.id], bodyHtml: '<p>લખાણ</p>' } });
    const publish = (id: number) =>
      fetch(`${site.url}/newsroom/articles/${id}/publish`, { method: 'POST', redirect: 'manual', headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: a.csrf }) });
    assert.equal((await publish(bylinedToOther.id)).status, 403, 'created by the author, bylined only to someone else');
    const shared = await createDraft(domain(), { actor: author, edit: { headline: 'બંનેના નામે લખેલો લેખ', sectionId, authorIds: [other.id, a.personId], bodyHtml: '<p>લખાણ</p>' } });
    assert.equal((await publish(shared.id)).status, 303, 'one of the bylines');
    const status = await site.database.db.selectFrom('articles').select(['id', 'status']).where('id', 'in', [bylinedToOther.id, shared.id]).orderBy('id').execute();
    assert.deepEqual(status.map((r) => r.status), ['draft', 'published']);
  });

  test('refusals and sign-in answers are in the person’s language', async () => {
    const c = sessions.contributor;
    const draft = await story('othersDraft', { id: c.personId, role: 'contributor' });
    const gu = await fetch(`${site.url}/newsroom/api/articles/${draft.id}/lock`, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
    assert.match(((await gu.json()) as { message: string }).message, /પરવાનગી/);
    await fetch(`${site.url}/newsroom/account/locale`, { method: 'POST', redirect: 'manual', headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: c.csrf, locale: 'en' }) });
    const en = await fetch(`${site.url}/newsroom/api/articles/${draft.id}/lock`, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
    assert.match(((await en.json()) as { message: string }).message, /not allowed/);
    const page = await fetch(`${site.url}/newsroom/articles/${draft.id}/edit`, { headers: { cookie: c.cookie } });
    assert.equal(page.status, 403);
    assert.match(load(await page.text())('h1').text(), /You are not allowed/);
    const bad = await fetch(`${site.url}/newsroom/articles/abc/edit`, { headers: { cookie: c.cookie, accept: 'application/json' } });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /id: "abc" is not valid — must be a whole number/);
    const missing = await fetch(`${site.url}/newsroom/no-such-page`, { headers: { cookie: c.cookie } });
    assert.equal(missing.status, 404);
    assert.match(load(await missing.text())('h1').text(), /There is nothing at this address/);
    assert.ok(toLogin(await fetch(`${site.url}/newsroom/no-such-page`, { redirect: 'manual' })), 'signed out, even an unknown page asks for sign-in first');
    const anonymous = await fetch(`${site.url}/newsroom/api/transliterate?q=x`, { headers: { 'accept-language': 'gu-IN,gu;q=0.9,en;q=0.5' } });
    assert.equal(anonymous.status, 401);
    assert.match(((await anonymous.json()) as { message: string }).message, /પ્રવેશ/);
  });
});
