import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/schema.js';
import { listPeople } from '../../newsroom/newsroomQueries.js';
import { addPerson, setRole } from '../../newsroom/people.js';
import { roles } from '../../content/policies.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { PeoplePage } from './views/PeoplePage.js';

const role = { type: 'string', enum: roles } as const;
const inviteBody = {
  type: 'object',
  required: ['email', 'name', 'role'],
  properties: { email: { type: 'string', maxLength: 254 }, name: { type: 'string', maxLength: 200 }, role },
} as const;

/** The people of the newsroom: invite someone, change a role (admins). */
export async function peopleRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  app.get('/people', requirePermission('people.manage'), async (request, reply) => {
    return html(reply, <PeoplePage v={view(request)} people={await listPeople(db, actor(request))} />);
  });

  app.post<{ Body: { email: string; name: string; role: Role } }>('/people', { ...requirePermission('people.manage'), schema: { body: inviteBody } }, async (request, reply) => {
    const { password } = await addPerson(db, { email: request.body.email, name: request.body.name, role: request.body.role });
    const people = await listPeople(db, actor(request));
    const v = view(request);
    return html(reply, <PeoplePage v={v} people={people} notice={{ kind: 'ok', text: v.t.oneTimePassword(password ?? '') }} />);
  });

  app.post<{ Params: { id: number }; Body: { role: Role } }>(
    '/people/:id/role',
    { ...requirePermission('people.manage'), schema: { params: idParams, body: { type: 'object', required: ['role'], properties: { role } } } },
    async (request, reply) => {
      await setRole(db, request.params.id, request.body.role);
      return reply.redirect('/newsroom/people', 303);
    },
  );
}
