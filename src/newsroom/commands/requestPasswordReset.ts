import { mailMessages } from '../../i18n/mail.js';
import { compose, createToken, deliver, localeOf, resetLink, type PeopleDeps } from '../profiles.js';

export interface RequestPasswordResetProps {
  /** What was typed on the "forgot password" page; anyone may ask. */
  email: string;
  at?: Date;
}

/**
 * "Forgot password": when the e-mail belongs to an active account, a link (one hour, once) is
 * mailed to it. The caller answers the same whatever happened, and gets the answer before the
 * mail goes out (the returned promise is the sending), so neither the words nor the time taken
 * tell whether an account exists.
 */
export async function requestPasswordReset(deps: PeopleDeps, { email, at = new Date() }: RequestPasswordResetProps): Promise<{ sending: Promise<void> }> {
  const address = email.trim().toLowerCase();
  if (!deps.mailer || address.length > 254) return { sending: Promise.resolve() };
  const person = await deps.db.selectFrom('people').selectAll().where('email', '=', address).executeTakeFirst();
  if (!person || !person.role || person.disabled) return { sending: Promise.resolve() };
  const token = await createToken(deps.db, person.id, 'reset', at);
  const locale = localeOf(person);
  const siteName = deps.siteName();
  const message = compose(address, locale, siteName, mailMessages(locale).reset({ siteName, personName: person.name }), resetLink(deps.publicUrl, token));
  return { sending: deliver(deps, message).then(() => undefined) };
}
