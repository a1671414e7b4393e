import type { Database } from '../db/connect.js';
import { ConfigError } from '../config.js';
import type { Role } from '../db/schema.js';
import { addPerson, createResetToken, PeopleError } from './people.js';
import { roles } from '../content/policies.js';

export interface UserCliArgs {
  positionals: string[];
  email?: string;
  name?: string;
  role?: string;
  password?: string;
}

/** `khabar user add|reset-link`: what a newsroom's first admin needs before any UI works. */
export async function userCommand(database: Database, publicUrl: string, a: UserCliArgs): Promise<string> {
  const sub = a.positionals[0];
  try {
    if (sub === 'add') {
      if (!a.email || !a.name || !a.role) throw new ConfigError('user add needs --email E --name N --role R [--password P]');
      if (!roles.includes(a.role as Role)) throw new ConfigError(`--role "${a.role}" is not one of ${roles.join(', ')}`);
      const { person, password } = await addPerson(database.db, {
        email: a.email,
        name: a.name,
        role: a.role as Role,
        ...(a.password !== undefined && { password: a.password }),
      });
      return password
        ? `added ${person.name} <${person.email}> as ${person.role}; one-time password: ${password}`
        : `added ${person.name} <${person.email}> as ${person.role}`;
    }
    if (sub === 'reset-link') {
      if (!a.email) throw new ConfigError('user reset-link needs --email E');
      const token = await createResetToken(database.db, a.email);
      return `${publicUrl}/newsroom/reset?token=${token}  (valid for one hour, once)`;
    }
  } catch (err) {
    if (err instanceof PeopleError) throw new ConfigError(err.message);
    throw err;
  }
  throw new ConfigError('usage: khabar user add --email E --name N --role R [--password P] | user reset-link --email E');
}
