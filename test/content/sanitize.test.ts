// The body allow-list: what the editor produces survives byte for byte (Gujarati included,
// ZWJ/ZWNJ kept), and nothing that could run does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { plainText, sanitizeBody } from '../../src/content/sanitize.js';

describe('sanitizeBody', () => {
  test('keeps the editor output exactly: paragraphs, headings, marks, links, lists, quotes', () => {
    const html =
      '<h2>રાજકોટ</h2><h3>નાનું મથાળું</h3><p>આ <strong>ઘાટું</strong>, <em>ત્રાંસું</em> અને <a href="https://example.com/ગુજરાત">કડી</a> છે.</p>' +
      '<ul><li><p>એક</p></li></ul><ol><li><p>બે</p></li></ol><blockquote><p>અવતરણ</p></blockquote>';
    assert.equal(sanitizeBody(html), html);
  });

  test('keeps conjuncts, ZWJ and ZWNJ as typed', () => {
    const text = '<p>ક્ષત્રિય શ્રી દ્વારકા ર્\u200dય ક\u200cષ</p>';
    assert.equal(sanitizeBody(text), text);
    assert.equal(plainText('ર્\u200dય ક\u200cષ'), 'ર્\u200dય ક\u200cષ');
  });

  test('keeps an image figure with srcset, sizes, width, height, alt and caption', () => {
    const html =
      '<figure class="image"><img src="/media/uploads/2026/11/ab-800.jpg" alt="સાબરમતી નદી" loading="lazy" decoding="async" ' +
      'srcset="/media/uploads/2026/11/ab-400.jpg 400w, /media/uploads/2026/11/ab-800.jpg 800w" sizes="(min-width: 48rem) 46rem, 100vw" width="1600" height="900" />' +
      '<figcaption>અમદાવાદ, સવાર</figcaption></figure>';
    assert.equal(sanitizeBody(html), html);
  });

  test('keeps an embed figure on a known host', () => {
    const html = '<figure class="embed" data-embed="https://www.youtube.com/watch?v=dQw4w9WgXcQ"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure>';
    assert.equal(sanitizeBody(html), html);
  });

  test('an embed on another host, another scheme or with credentials loses its URL', () => {
    for (const url of ['javascript:alert(1)', 'http://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://evil.example/x', 'https://a:b@x.com/u/status/1', 'data:text/html,<script>alert(1)</script>']) {
      const out = sanitizeBody(`<figure class="embed" data-embed="${url}"></figure>`);
      assert.equal(out, '<figure class="embed"></figure>', url);
    }
  });

  test('figures take no other class and no other data attribute', () => {
    assert.equal(sanitizeBody('<figure class="image evil" data-x="1" style="position:fixed"><img src="/a.jpg" alt="અ" /></figure>'), '<figure><img src="/a.jpg" alt="અ" /></figure>');
    assert.equal(sanitizeBody('<figure class="image" data-embed="https://x.com/a/status/1"></figure>'), '<figure class="image"></figure>');
  });

  test('drops scripts, iframes, event handlers, styles and javascript: URLs', () => {
    const out = sanitizeBody(
      '<p onclick="alert(1)" style="color:red">ક</p><script>alert(1)</script><iframe src="https://evil.example"></iframe>' +
        '<a href="javascript:alert(1)">ખ</a><a href="JaVaScRiPt:alert(1)">ગ</a><img src="javascript:alert(1)" onerror="alert(1)" alt="ઘ" />' +
        '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="ચ" /><svg><script>alert(1)</script></svg><object data="x"></object>',
    );
    assert.doesNotMatch(out, /<script|<iframe|<svg|<object|\son\w+=|javascript:|style=|data:/i);
    assert.match(out, /<p>ક<\/p>/);
  });

  test('links opening a new tab get rel=noopener', () => {
    assert.equal(sanitizeBody('<a href="https://example.com" target="_blank">ક</a>'), '<a href="https://example.com" target="_blank" rel="noopener noreferrer">ક</a>');
  });
});

describe('plainText', () => {
  test('strips every tag and decodes entities once', () => {
    assert.equal(plainText('<b>રાજ</b>કોટ &amp; <script>alert(1)</script>'), 'રાજકોટ &');
    assert.equal(plainText('a &lt;script&gt;'), 'a <script>');
  });
});
