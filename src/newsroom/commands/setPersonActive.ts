import { changeTransaction } from '../../content/changes.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { PersonError } from '../profiles.js';

export interface SetPersonActiveProps {
  /** An admin; never the person themself (a newsroom must not lock out its last admin by a slip). */
  actor: Actor;
  personId: number;
  /** false: deactivate (every session ends now, sign-in is refused, bylines stay); true: reactivate. */
  active: boolean;
}

/** Deactivates or reactivates a person's account. */
export async function setPersonActive(deps: WriterDeps, { actor, personId, active }: SetPersonActiveProps): Promise<void> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  if (personId === actor.id) throw new PersonError({ code: 'ownAccount' });
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const row = await trx.updateTable('people').set({ disabled: active ? 0 : 1 }).where('id', '=', personId).returning('id').executeTakeFirst();
    if (!row) throw new PersonError({ code: 'notFound' });
    if (!active) {
      await trx.deleteFrom('sessions').where('person_id', '=', personId).execute();
      // A link sent before must not bring the account back.
      await trx.updateTable('password_resets').set({ used_at: new Date().toISOString() }).where('person_id', '=', personId).where('used_at', 'is', null).execute();
    }
    record({ type: 'person.changed', personId, pages: [] });
  });
}
