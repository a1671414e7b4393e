// Telegram through the real outbox and worker: a story without an image of its own goes out as a
// photo, its share card; a new headline changes the post's photo to the new card.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { shareCardFonts } from '../../src/media/shareCard.js';
import { testDialect } from '../helpers/database.js';
import { newsroom, startServices, type Newsroom, type Services } from './newsroom.js';

const skip = shareCardFonts() ? false : 'Noto Sans Gujarati is not installed (apt-get install fonts-noto-core): stories without an image go out as text';
if (skip) console.log(`# SKIP Telegram share cards: ${skip}`);

let s: Services;
let n: Newsroom;
before(async () => {
  s = await startServices();
  s.tg.addChannel('khabar_gu', -1001234567890);
  n = await newsroom(s);
});
after(async () => {
  await n?.close();
  await s?.close();
});

const params = (body: Buffer) => JSON.parse(body.toString('utf8')) as Record<string, unknown>;

test(`a story without an image is posted to Telegram with its share card as the photo (${testDialect})`, { skip }, async () => {
  await n.channel('telegram');
  const id = await n.draft({ headline: 'જ્ઞાનસત્રમાં ક્ષત્રિય શ્રમિકોનો કાર્યક્રમ: ફ઼િલ્મ પણ બતાવાઈ' });
  await publishArticle(n.deps, { actor: n.editor, articleId: id });
  await n.pump();
  assert.equal(s.tg.calls('sendMessage').length, 0);
  const [sent] = s.tg.calls('sendPhoto');
  assert.ok(sent, 'sendPhoto was called');
  const photo = String(params(sent.body).photo);
  assert.match(photo, new RegExp(`/cards/${id}-[0-9a-f]{20}\\.jpg$`));

  await n.save(id, { headline: 'શ્રમિકો માટે નવી યોજના: જ્ઞાન અને કાર્ય' });
  await n.pump();
  const [edit] = s.tg.calls('editMessageMedia');
  assert.ok(edit, 'the photo is replaced by the new card');
  const media = params(edit.body).media as { media: string };
  assert.match(media.media, new RegExp(`/cards/${id}-[0-9a-f]{20}\\.jpg$`));
  assert.notEqual(media.media, photo);
});
