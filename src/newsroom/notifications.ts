import type { Actor } from '../content/policies.js';
import { mailMessages } from '../i18n/mail.js';
import { compose, deliver, localeOf, type MailOutcome, type PeopleDeps } from './profiles.js';

/**
 * After a story was submitted (and committed): mails every active editor and admin who has not
 * turned these off, each in their own language. The writer is not told of their own story.
 */
export async function notifySubmitted(deps: PeopleDeps, { actor, articleId }: { actor: Actor; articleId: number }): Promise<MailOutcome[]> {
  if (!deps.mailer) return [];
  const article = await deps.db.selectFrom('articles').select(['id', 'headline']).where('id', '=', articleId).executeTakeFirst();
  const writer = await deps.db.selectFrom('people').select('name').where('id', '=', actor.id).executeTakeFirst();
  if (!article || !writer) return [];
  const editors = await deps.db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'ui_locale'])
    .where('role', 'in', ['editor', 'admin'])
    .where('disabled', '=', 0)
    .where('notify_submissions', '=', 1)
    .where('email', 'is not', null)
    .where('password_hash', 'is not', null)
    .where('id', '!=', actor.id)
    .execute();
  const siteName = deps.siteName();
  const link = `${deps.publicUrl}/newsroom/articles/${article.id}/edit`;
  const outcomes: MailOutcome[] = [];
  for (const editor of editors) {
    const locale = localeOf(editor);
    const words = mailMessages(locale).submitted({ siteName, personName: editor.name, writerName: writer.name, headline: article.headline });
    outcomes.push(await deliver(deps, compose(editor.email!, locale, siteName, words, link)));
  }
  return outcomes;
}
