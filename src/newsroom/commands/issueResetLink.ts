import { can, ensure, type Actor } from '../../content/policies.js';
import { mailMessages } from '../../i18n/mail.js';
import { compose, createToken, deliver, localeOf, PersonError, resetLink, type MailOutcome, type PeopleDeps } from '../profiles.js';

export interface IssueResetLinkProps {
  /** An admin, for someone who forgot their password (when mail is off, the admin hands the link over). */
  actor: Actor;
  personId: number;
  at?: Date;
}

/** A new-password link (one hour, once) for an account, mailed to it when mail is on and shown to the admin. */
export async function issueResetLink(deps: PeopleDeps, { actor, personId, at = new Date() }: IssueResetLinkProps): Promise<{ link: string; mail: MailOutcome }> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  const person = await deps.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person || !person.email || !person.role) throw new PersonError({ code: 'notFound' });
  if (person.disabled) throw new PersonError({ code: 'deactivated' });
  const link = resetLink(deps.publicUrl, await createToken(deps.db, personId, 'reset', at));
  const locale = localeOf(person);
  const siteName = deps.siteName();
  const message = compose(person.email, locale, siteName, mailMessages(locale).reset({ siteName, personName: person.name }), link);
  return { link, mail: await deliver(deps, message) };
}
