import type { Database } from '../db/connect.js';
import { ConfigError } from '../config.js';
import { LocalChangeFeed } from '../content/changes.js';
import { defaultSettings, getSettings, SettingsError, settingKeys, socialNetworks, type SiteSettings } from '../content/settings.js';
import { toAsciiDigits } from '../gujarati/numerals.js';
import type { Actor } from '../content/policies.js';
import { updateSettings } from './commands/updateSettings.js';

/** The command line acts as an admin with no person behind it; the audit log says "command line". */
const cliActor: Actor = { id: 0, role: 'admin' };

const usage = `usage: khabar settings get [KEY] | settings set KEY VALUE
keys: ${settingKeys.join(', ')}, social.${socialNetworks.join('|social.')}`;

/** VALUE as the setting's type: text as typed, numbers (Gujarati digits too), JSON for the rest. */
function parseValue(key: keyof SiteSettings, raw: string): unknown {
  const example = defaultSettings[key];
  if (typeof example === 'string') return raw;
  if (typeof example === 'number') return raw.trim() === '' ? Number.NaN : Number(toAsciiDigits(raw.trim()));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError(`${key} takes JSON, e.g. ${JSON.stringify(example ?? null)}`);
  }
}

/**
 * `khabar settings get [KEY]` prints one setting (or all) as JSON; `settings set KEY VALUE`
 * changes one through the same command and validation as the settings page, logged as the CLI.
 * `social.telegram URL` sets one channel (an empty URL removes it).
 */
export async function settingsCommand(database: Database, positionals: string[]): Promise<string> {
  const [sub, key, value] = positionals;
  const settings = await getSettings(database.db);
  if (sub === 'get' && positionals.length <= 2) {
    if (key === undefined) return JSON.stringify(settings, null, 2);
    if (key.startsWith('social.')) return JSON.stringify(settings.social[key.slice(7) as keyof SiteSettings['social']] ?? null);
    if (!(settingKeys as string[]).includes(key)) throw new ConfigError(`unknown setting "${key}"\n${usage}`);
    return JSON.stringify(settings[key as keyof SiteSettings], null, 2);
  }
  if (sub === 'set' && key !== undefined && value !== undefined && positionals.length === 3) {
    let patch: Partial<SiteSettings>;
    if (key.startsWith('social.')) {
      const network = key.slice(7);
      if (!(socialNetworks as readonly string[]).includes(network)) throw new ConfigError(`unknown channel "${network}"\n${usage}`);
      const social = { ...settings.social };
      if (value.trim() === '') delete social[network as keyof typeof social];
      else social[network as keyof typeof social] = value.trim();
      patch = { social };
    } else {
      if (!(settingKeys as string[]).includes(key)) throw new ConfigError(`unknown setting "${key}"\n${usage}`);
      patch = { [key]: parseValue(key as keyof SiteSettings, value) } as Partial<SiteSettings>;
    }
    try {
      const after = await updateSettings({ db: database.db, feed: new LocalChangeFeed() }, { actor: cliActor, patch, origin: 'cli' });
      const k = key.startsWith('social.') ? 'social' : (key as keyof SiteSettings);
      return `${key} = ${JSON.stringify(after[k])}`;
    } catch (err) {
      if (err instanceof SettingsError) throw new ConfigError(`${err.key}: ${err.reason}`);
      throw err;
    }
  }
  throw new ConfigError(usage);
}
