import { changeTransaction } from '../../content/changes.js';
import { can, ensure, NotAllowedError, type Actor } from '../../content/policies.js';
import { slugify } from '../../gujarati/slugify.js';
import type { WriterDeps } from '../articleWriter.js';
import { bioMaxLength, checkedLinks, checkedText, nameMaxLength, PersonError, titleMaxLength } from '../profiles.js';

export interface ProfileInput {
  /** Byline name, Gujarati or Latin. */
  name: string;
  /** Job title shown under the name ("વરિષ્ઠ ખબરપત્રી, સુરત"). */
  title: string;
  /** Plain text; paragraphs separated by blank lines. */
  bio: string;
  /** Profiles elsewhere; http(s) URLs only. */
  socialLinks: string[];
  /** Show the account's e-mail on the author page. */
  emailPublic: boolean;
}

export interface SavePersonProps {
  /** An admin (any person, or a new byline), or the person themself (their own profile). */
  actor: Actor;
  /** Absent: a new byline-only person (no account) is created. */
  personId?: number;
  profile: ProfileInput;
  /** Own account only: mail me when a story is submitted. */
  notifySubmissions?: boolean;
  at?: Date;
}

/** Creates a byline person or changes a profile (the photo has its own command, setPersonPhoto); the author page follows through the change feed. */
export async function savePerson(deps: WriterDeps, { actor, personId, profile, notifySubmissions, at = new Date() }: SavePersonProps): Promise<number> {
  const own = personId !== undefined && personId === actor.id;
  if (!own) ensure(can(actor, 'people.manage'), 'people.manage');
  if (notifySubmissions !== undefined && !own) throw new NotAllowedError('people.manage');
  const name = checkedText(profile.name, 'name', nameMaxLength);
  if (name === '') throw new PersonError({ code: 'nameEmpty' });
  const values = {
    name,
    title: checkedText(profile.title, 'title', titleMaxLength),
    bio: checkedText(profile.bio.replace(/\r\n?/g, '\n'), 'bio', bioMaxLength),
    social_links: JSON.stringify(checkedLinks(profile.socialLinks)),
    email_public: profile.emailPublic ? 1 : 0,
    ...(notifySubmissions !== undefined && { notify_submissions: notifySubmissions ? 1 : 0 }),
  };
  return changeTransaction(
    deps.db,
    deps.feed,
    async ({ trx, record }) => {
      let id: number;
      if (personId === undefined) {
        const base = slugify(name) || 'person';
        let slug = base;
        for (let n = 2; await trx.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
        const row = await trx
          .insertInto('people')
          .values({ ...values, slug, email: null, role: null, password_hash: null, locked_until: null, created_at: at.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      } else {
        const row = await trx.updateTable('people').set(values).where('id', '=', personId).returning('id').executeTakeFirst();
        if (!row) throw new PersonError({ code: 'notFound' });
        id = row.id;
      }
      record({ type: 'person.changed', personId: id, pages: [`person:${id}`] });
      return id;
    },
    at,
  );
}
