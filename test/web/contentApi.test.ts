import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoContent } from '../../src/demo/content.js';
import type { ArticleFullJson, ArticleJson } from '../../src/web/api/content/presenters.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

interface ListJson {
  items: ArticleJson[];
  page: number;
  perPage: number;
  total: number;
  pageCount: number;
}

describe(`content API (${testDialect})`, () => {
  let site: TestSite;
  const get = async (path: string) => {
    const res = await fetch(`${site.url}${path}`);
    return { res, body: (await res.json()) as unknown };
  };
  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('articles: newest first, paginated, with totals', async () => {
    const { res, body } = await get('/api/v1/articles?per_page=5');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const list = body as ListJson;
    assert.equal(list.total, demoContent.articles.length);
    assert.equal(list.items.length, 5);
    assert.equal(list.pageCount, Math.ceil(demoContent.articles.length / 5));
    const newest = [...demoContent.articles].sort((a, b) => a.hoursAgo - b.hoursAgo);
    assert.deepEqual(list.items.map((a) => a.slug), newest.slice(0, 5).map((a) => a.slug));
    const page2 = (await get('/api/v1/articles?per_page=5&page=2')).body as ListJson;
    assert.deepEqual(page2.items.map((a) => a.slug), newest.slice(5, 10).map((a) => a.slug));
  });

  test('articles by section (with sub-sections), tag, author and date', async () => {
    const section = demoContent.sections.find((s) => demoContent.sections.some((c) => c.parent === s.slug))!;
    const family = [section.slug, ...demoContent.sections.filter((c) => c.parent === section.slug).map((c) => c.slug)];
    const bySection = (await get(`/api/v1/articles?section=${section.slug}&per_page=100`)).body as ListJson;
    assert.equal(bySection.total, demoContent.articles.filter((a) => family.includes(a.section)).length);
    const tag = demoContent.articles[0]!.tags[0]!;
    const byTag = (await get(`/api/v1/articles?tag=${tag}&per_page=100`)).body as ListJson;
    assert.equal(byTag.total, demoContent.articles.filter((a) => a.tags.includes(tag)).length);
    const author = demoContent.authors[0]!.slug;
    const byAuthor = (await get(`/api/v1/articles?author=${author}&per_page=100`)).body as ListJson;
    assert.equal(byAuthor.total, demoContent.articles.filter((a) => a.authors.includes(author)).length);
    const after = new Date(Date.now() - 48 * 3600_000).toISOString();
    const recent = (await get(`/api/v1/articles?after=${encodeURIComponent(after)}&per_page=100`)).body as ListJson;
    assert.equal(recent.total, demoContent.articles.filter((a) => a.hoursAgo < 48).length);
  });

  test('one article by slug, in full', async () => {
    const story = demoContent.articles[0]!;
    const { res, body } = await get(`/api/v1/articles/${story.slug}`);
    assert.equal(res.status, 200);
    const a = body as ArticleFullJson;
    assert.equal(a.headline, story.headline);
    assert.ok(a.bodyHtml.includes('<p>'));
    assert.deepEqual(a.authors.map((p) => p.slug), story.authors);
    assert.equal(a.url, `${site.url}/${story.section}/${story.slug}`);
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${site.url}/api/v1/articles/${story.slug}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  test('sections, tags and authors', async () => {
    const sections = (await get('/api/v1/sections')).body as { items: { slug: string; parentId: number | null }[] };
    assert.equal(sections.items.length, demoContent.sections.length);
    assert.ok(sections.items.some((s) => s.parentId !== null));
    const tags = (await get('/api/v1/tags?per_page=100')).body as { items: { slug: string; articleCount: number }[]; total: number };
    assert.equal(tags.total, Object.keys(demoContent.tags).length);
    const tag = demoContent.articles[0]!.tags[0]!;
    assert.equal(tags.items.find((t) => t.slug === tag)?.articleCount, demoContent.articles.filter((a) => a.tags.includes(tag)).length);
    const authors = (await get('/api/v1/authors')).body as { items: Record<string, unknown>[] };
    assert.ok(authors.items.length >= 3);
    assert.ok(authors.items.every((p) => !('email' in p)), 'no email leaves the API');
  });

  test('counters for the page script', async () => {
    const story = demoContent.articles[0]!;
    const a = (await get(`/api/v1/articles/${story.slug}`)).body as ArticleFullJson;
    const { res, body } = await get(`/api/v1/articles/${a.id}/counters`);
    assert.equal(res.status, 200);
    assert.deepEqual(body, { views: story.views, comments: 0, viewsText: story.views.toLocaleString('en-IN'), commentsText: '0' });
  });

  test('bad input gets a clear JSON error naming the parameter', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/v1/articles?page=0', 400, /page/],
      ['/api/v1/articles?per_page=1000', 400, /per_page/],
      ['/api/v1/articles?after=yesterday', 400, /after/],
      ['/api/v1/articles?section=no-such', 404, /no-such/],
      ['/api/v1/articles/no-such-story', 404, /no-such-story/],
      ['/api/v1/articles/abc/counters', 400, /abc/],
      ['/api/v1/nothing-here', 404, /nothing-here/],
    ];
    for (const [path, status, message] of cases) {
      const { res, body } = await get(path);
      assert.equal(res.status, status, path);
      const err = body as { error: string; message: string };
      assert.ok(err.error, path);
      assert.match(err.message, message, `${path}: ${err.message}`);
    }
    // Parameters the API does not know (tracking tags and the like) are ignored, not refused.
    assert.equal((await get('/api/v1/articles?utm_source=whatsapp')).res.status, 200);
  });
});
