// The mail module on its own: SMTP_URL and MAIL_FROM as configuration, and the layout of a
// message (text and HTML with the same words; names are escaped in the HTML).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, mailSettings } from '../../src/config.js';
import { mailMessages } from '../../src/i18n/mail.js';
import { compose, createMailer } from '../../src/mail/index.js';

describe('mail configuration and layout', () => {
  test('SMTP_URL unset: mail is off; smtp:// and smtps:// are taken; anything else is one clear line', () => {
    assert.equal(loadConfig({}).mail, undefined);
    assert.equal(createMailer(undefined, 'https://khabar.example'), undefined);
    assert.deepEqual(mailSettings({ SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'ખબર <news@khabar.example>' }), {
      mail: { smtpUrl: 'smtps://u:p@smtp.example.com:465', from: 'ખબર <news@khabar.example>' },
    });
    assert.throws(() => mailSettings({ SMTP_URL: 'http://smtp.example.com' }), ConfigError);
    assert.throws(() => mailSettings({ SMTP_URL: 'not a url' }), ConfigError);
    assert.throws(() => mailSettings({ SMTP_URL: 'smtp://u:secret@', MAIL_FROM: 'x' }), (e: unknown) => e instanceof ConfigError && !e.message.includes('secret'));
    assert.throws(() => mailSettings({ SMTP_URL: 'smtp://smtp.example.com', MAIL_FROM: 'કોઈ સરનામું નથી' }), ConfigError);
  });

  test('a message has the same words as text and HTML; names and headlines are escaped in the HTML', () => {
    const words = mailMessages('gu').submitted({ siteName: 'ખબર', personName: 'તંત્રી', writerName: '<b>ક્ષિતિજ</b>', headline: 'ડેમ "૧૩૮" મીટરે & વધુ' });
    const m = compose('tantri@example.com', 'gu', 'ખબર', words, 'https://khabar.example/newsroom/articles/7/edit');
    assert.match(m.text, /“ડેમ "૧૩૮" મીટરે & વધુ” સમીક્ષા માટે આવ્યો છે \(લેખક: <b>ક્ષિતિજ<\/b>\)/);
    assert.match(m.text, /^https:\/\/khabar\.example\/newsroom\/articles\/7\/edit$/m);
    assert.doesNotMatch(m.html, /<b>ક્ષિતિજ/);
    assert.match(m.html, /&#60;b&#62;ક્ષિતિજ/);
    assert.match(m.html, /&#38; વધુ/);
    assert.match(m.html, /href="https:\/\/khabar\.example\/newsroom\/articles\/7\/edit"/);
    assert.equal(m.subject, 'સમીક્ષા માટે: ડેમ "૧૩૮" મીટરે & વધુ');
  });
});
