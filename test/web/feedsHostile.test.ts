import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Parser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { updateArticle, writeArticles } from '../../src/newsroom/articleWriter.js';
import { feedText } from '../../src/web/reader/feeds.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

/** Element names of a document read by a strict XML parser (throws on anything malformed). */
function elements(xml: string): string[] {
  const names: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => names.push(t.name));
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(xml).close();
  return names;
}

describe(`feeds with hostile headlines (${testDialect})`, () => {
  let site: TestSite;
  before(async () => (site = await startTestSite()));
  after(() => site.close());

  test('a headline with several "]]>" and control characters, and a dek of entity-encoded markup, stay text in RSS and Atom', async () => {
    const count = async (path: string, tag: string) => elements(await (await fetch(`${site.url}${path}`)).text()).filter((n) => n === tag).length;
    const items = await count('/feed.xml', 'item');
    const entries = await count('/atom.xml', 'entry');
    const story = await site.database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
    const headline = 'ગુજરાત ]]></title><item><title>બનાવટી</title></item><![CDATA[ \u0001 ]]> સમાચાર';
    const dek = '&lt;script xmlns="http://www.w3.org/1999/xhtml"&gt;alert(1)&lt;/script&gt; ]]><script>alert(2)</script>';
    await writeArticles({ db: site.database.db, feed: site.feed }, 'newsroom', (scope) => updateArticle(scope, story.id, { headline, dek }));

    const rss = await (await fetch(`${site.url}/feed.xml`)).text();
    const atom = await (await fetch(`${site.url}/atom.xml`)).text();
    const rssNames = elements(rss);
    const atomNames = elements(atom);
    assert.equal(rssNames.filter((n) => n === 'item').length, items, 'no forged <item>');
    assert.equal(atomNames.filter((n) => n === 'entry').length, entries, 'no forged <entry>');
    assert.ok(!rssNames.includes('script') && !atomNames.includes('script'), 'no script element');
    assert.ok(!rss.includes('\u0001') && !atom.includes('\u0001'), 'control characters dropped');

    const parsed = await new Parser().parseString(rss);
    assert.equal(parsed.items.length, items);
    const mine = parsed.items.find((i) => i.title?.includes('ગુજરાત'));
    assert.ok(mine, 'the story is in the feed');
    const stored = await site.database.db.selectFrom('articles').select('headline').where('id', '=', story.id).executeTakeFirstOrThrow();
    assert.ok(stored.headline.includes(']]>'), 'the stored headline still has the hostile sequence');
    assert.equal(mine.title, feedText(stored.headline), 'the headline arrives as escaped text');
    const atomParsed = await new Parser().parseString(atom);
    assert.equal(atomParsed.items.length, entries);
  });

  test('feedText escapes markup and drops what XML cannot carry, keeping Gujarati (conjuncts, nukta, ZWJ/ZWNJ, digits)', () => {
    assert.equal(feedText('ક્ષત્રિય ફ઼િલ્મ ક્‍ષ ક્‌ષ ૨૦૨૬ <b>&'), 'ક્ષત્રિય ફ઼િલ્મ ક્‍ષ ક્‌ષ ૨૦૨૬ &lt;b&gt;&amp;');
    assert.equal(feedText('a\u0000b\u000Bc\uFFFEd\uD800e'), 'abcde');
    assert.equal(feedText('x]]>y'), 'x]]&gt;y');
  });
});
