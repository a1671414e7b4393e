import type { Role } from '../../src/db/schema.js';
import { addPerson } from '../../src/newsroom/people.js';
import type { TestSite } from './site.js';

export interface Session {
  cookie: string;
  csrf: string;
  personId: number;
}

export const testPassword = 'ગુજરાતી-પાસવર્ડ-2026';

/** Adds a person with a role and signs them in through the real login form. */
export async function signIn(site: TestSite, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@example.com`): Promise<Session> {
  const { person } = await addPerson(site.database.db, { email, name: `${role} પરીક્ષક`, role, password: testPassword });
  const form = await fetch(`${site.url}/newsroom/login`);
  const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const res = await fetch(`${site.url}/newsroom/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: testPassword }),
  });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await fetch(`${site.url}/newsroom`, { headers: { cookie } })).text();
  const token = page.match(/name="csrf-token" content="([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token on the dashboard');
  return { cookie, csrf: token, personId: person.id };
}

/** A form post as the browser would send it (CSRF token included unless `csrf: false`). */
export function post(site: TestSite, s: Session, path: string, fields: Record<string, string> = {}, o: { csrf?: boolean } = {}) {
  const body = new URLSearchParams(o.csrf === false ? fields : { _csrf: s.csrf, ...fields });
  return fetch(`${site.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** A JSON call as the editor script makes it. */
export function api(site: TestSite, s: Session, method: 'POST' | 'PUT', path: string, json: unknown, o: { csrf?: boolean } = {}) {
  return fetch(`${site.url}${path}`, {
    method,
    headers: { cookie: s.cookie, 'content-type': 'application/json', ...(o.csrf === false ? {} : { 'x-csrf-token': s.csrf }) },
    body: JSON.stringify(json),
  });
}
