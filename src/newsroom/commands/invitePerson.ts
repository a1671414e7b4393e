import { changeTransaction } from '../../content/changes.js';
import { can, ensure, roles, type Actor } from '../../content/policies.js';
import type { Role } from '../../db/schema.js';
import { mailMessages } from '../../i18n/mail.js';
import { checkedEmail, compose, createToken, deliver, localeOf, PersonError, resetLink, type MailOutcome, type PeopleDeps } from '../profiles.js';

export interface InvitePersonProps {
  /** An admin. */
  actor: Actor;
  /** A byline-only person, or an account whose password was never set (the invitation is sent again). */
  personId: number;
  /** Their login and where the invitation goes. */
  email: string;
  role: Role;
  at?: Date;
}

export interface Invitation {
  /** The link that sets the password (72 hours, once); shown to the admin when mail is off or failed. */
  link: string;
  mail: MailOutcome;
}

/**
 * Gives a person an account: e-mail, role and a link to choose a password, mailed in their
 * language after the transaction has committed (a slow or dead mail server holds no lock).
 */
export async function invitePerson(deps: PeopleDeps, { actor, personId, email: rawEmail, role, at = new Date() }: InvitePersonProps): Promise<Invitation> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  const email = checkedEmail(rawEmail);
  if (!roles.includes(role)) throw new PersonError({ code: 'notFound' });
  const { token, person, inviter } = await changeTransaction(
    deps.db,
    deps.feed,
    async ({ trx, record }) => {
      const person = await trx.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
      if (!person) throw new PersonError({ code: 'notFound' });
      if (person.password_hash !== null) throw new PersonError({ code: 'hasAccount' });
      if (person.disabled) throw new PersonError({ code: 'deactivated' });
      const taken = await trx.selectFrom('people').select('id').where('email', '=', email).where('id', '!=', personId).executeTakeFirst();
      if (taken) throw new PersonError({ code: 'emailTaken', email });
      await trx.updateTable('people').set({ email, role }).where('id', '=', personId).execute();
      const inviter = await trx.selectFrom('people').select('name').where('id', '=', actor.id).executeTakeFirstOrThrow();
      record({ type: 'person.changed', personId, pages: [`person:${personId}`] });
      return { token: await createToken(trx, personId, 'invite', at), person, inviter };
    },
    at,
  );
  const link = resetLink(deps.publicUrl, token);
  const locale = localeOf(person);
  const siteName = deps.siteName();
  const words = mailMessages(locale).invite({ siteName, personName: person.name, inviterName: inviter.name });
  return { link, mail: await deliver(deps, compose(email, locale, siteName, words, link)) };
}
