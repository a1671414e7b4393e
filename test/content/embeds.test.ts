// Embeds on the reader's page: a stored `figure.embed` becomes a YouTube player (privacy
// domain, lazy, titled) or a link card, built from the URL alone; anything unrecognized
// disappears, and the rest of the body is left exactly as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { embedHosts, englishEmbedLabels, recognizeEmbed, renderEmbeds } from '../../src/content/embeds.js';
import { embedHosts as sanitizerHosts, sanitizeBody } from '../../src/content/sanitize.js';

const fig = (url: string, inner = '') => `<figure class="embed" data-embed="${url}">${inner}</figure>`;

describe('recognizeEmbed', () => {
  test('YouTube URLs in their usual shapes give the video id', () => {
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
      'https://www.youtube.com/live/dQw4w9WgXcQ',
    ]) {
      const e = recognizeEmbed(url);
      assert.equal(e?.provider, 'youtube', url);
      assert.equal(e?.videoId, 'dQw4w9WgXcQ', url);
    }
    assert.equal(recognizeEmbed('https://youtu.be/dQw4w9WgXcQ?t=1m30s')?.start, 90);
  });

  test('refuses what is not a video or post, or not https on a known host', () => {
    for (const url of [
      'http://www.youtube.com/watch?v=dQw4w9WgXcQ', // not https
      'https://www.youtube.com/watch?v=short', // bad id
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload=alert(1)', // id with junk
      'https://www.youtube.com/channel/UC123',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ',
      'javascript:alert(1)',
      'https://x.com/home',
      'https://www.instagram.com/someone/',
      'https://evil.example/p/ABCDEF',
      'ગુજરાત સમાચાર',
      '',
    ]) {
      assert.equal(recognizeEmbed(url), undefined, url);
    }
  });

  test('X, Instagram and Facebook posts are recognized, tracking query dropped', () => {
    assert.deepEqual(recognizeEmbed('https://twitter.com/gujarat_news/status/1234567890123?s=20'), {
      provider: 'x',
      url: 'https://twitter.com/gujarat_news/status/1234567890123',
    });
    assert.equal(recognizeEmbed('https://x.com/someone/status/1')?.provider, 'x');
    assert.equal(recognizeEmbed('https://www.instagram.com/p/C0dEaBcDeF1/?igsh=abc')?.url, 'https://www.instagram.com/p/C0dEaBcDeF1/');
    assert.equal(recognizeEmbed('https://www.instagram.com/reel/C0dEaBcDeF1/')?.provider, 'instagram');
    assert.equal(recognizeEmbed('https://www.facebook.com/gujaratsamachar/videos/123456/')?.provider, 'facebook');
    assert.equal(recognizeEmbed('https://fb.watch/abcDEF/')?.provider, 'facebook');
  });

  test('the sanitizer and the reader agree on the hosts', () => {
    assert.deepEqual([...sanitizerHosts].sort(), [...embedHosts].sort());
  });
});

describe('renderEmbeds', () => {
  test('a YouTube figure becomes a lazy, titled iframe on youtube-nocookie.com', () => {
    const out = renderEmbeds(`<p>પહેલાં</p>${fig('https://www.youtube.com/watch?v=dQw4w9WgXcQ', '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">વિડિયો</a>')}<p>પછી</p>`);
    assert.match(out, /^<p>પહેલાં<\/p><figure class="embed embed-youtube">/);
    assert.match(out, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ" title="YouTube વિડિયો" loading="lazy"/);
    assert.match(out, /<\/figure><p>પછી<\/p>$/);
    assert.equal((out.match(/<figure/g) ?? []).length, 1, 'the stored figure is replaced, not kept');
  });

  test('start time is carried over', () => {
    assert.match(renderEmbeds(fig('https://youtu.be/dQw4w9WgXcQ?t=75')), /embed\/dQw4w9WgXcQ\?start=75"/);
  });

  test('X, Instagram and Facebook become link cards, no third-party script', () => {
    const out = renderEmbeds(fig('https://x.com/someone/status/12345') + fig('https://www.instagram.com/p/C0dEaBcDeF1/') + fig('https://www.facebook.com/page/posts/1'));
    assert.equal((out.match(/class="embed embed-card/g) ?? []).length, 3);
    assert.match(out, /<a href="https:\/\/x\.com\/someone\/status\/12345" rel="noopener noreferrer nofollow" target="_blank"><strong>X પર જુઓ<\/strong> <span>x\.com<\/span><\/a>/);
    assert.doesNotMatch(out, /<script|<iframe/);
  });

  test('English labels when the page is in English', () => {
    assert.match(renderEmbeds(fig('https://x.com/someone/status/1'), englishEmbedLabels), /View on X/);
    assert.match(renderEmbeds(fig('https://youtu.be/dQw4w9WgXcQ'), englishEmbedLabels), /title="YouTube video"/);
  });

  test('an unrecognized embed is dropped, with everything nested in it', () => {
    const out = renderEmbeds(`<p>ક</p>${fig('https://evil.example/x', '<figure class="image"><img src="/a.jpg" alt="અ" /></figure><p>અંદર</p>')}<p>ખ</p>`);
    assert.equal(out, '<p>ક</p><p>ખ</p>');
  });

  test('image figures and bodies without embeds pass through untouched', () => {
    const body = '<p>ગુજરાતી ક્ષ ર્\u200dય</p><figure class="image"><img src="/media/a-800.jpg" alt="છબી" /><figcaption>કૅપ્શન</figcaption></figure>';
    assert.equal(renderEmbeds(body), body);
  });

  test('attribute-encoded URLs are decoded before checking, and what is printed is escaped', () => {
    const stored = sanitizeBody(fig('https://x.com/a/status/1?x="><script>alert(1)</script>'));
    const out = renderEmbeds(stored);
    assert.doesNotMatch(out, /<script/);
    assert.match(out, /href="https:\/\/x\.com\/a\/status\/1"/);
  });
});
