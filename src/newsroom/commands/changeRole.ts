import { changeTransaction } from '../../content/changes.js';
import { can, ensure, roles, type Actor } from '../../content/policies.js';
import type { Role } from '../../db/schema.js';
import type { WriterDeps } from '../articleWriter.js';
import { PersonError } from '../profiles.js';

export interface ChangeRoleProps {
  /** An admin, changing someone else's role. */
  actor: Actor;
  personId: number;
  role: Role;
}

/** Changes what a person may do in the newsroom; their open sessions see it on the next request. */
export async function changeRole(deps: WriterDeps, { actor, personId, role }: ChangeRoleProps): Promise<void> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  if (personId === actor.id) throw new PersonError({ code: 'ownAccount' });
  if (!roles.includes(role)) throw new PersonError({ code: 'notFound' });
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const person = await trx.selectFrom('people').select(['id', 'role']).where('id', '=', personId).executeTakeFirst();
    // A byline-only person gets a role by being invited, which also gives them an e-mail.
    if (!person || person.role === null) throw new PersonError({ code: 'notFound' });
    await trx.updateTable('people').set({ role }).where('id', '=', personId).execute();
    record({ type: 'person.changed', personId, pages: [] });
  });
}
