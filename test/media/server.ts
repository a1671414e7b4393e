// One Khabar server in its own process, so a test can watch its memory from outside: the real
// app over the test database named in argv (a SQLite file, or a PostgreSQL schema), media on
// disk under the data folder. Prints {"port"} when listening; exits on SIGTERM.
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { buildApp } from '../../src/web/server.js';
import { freePort } from '../helpers/site.js';

const [targetJson, dataDir] = process.argv.slice(2);
const target = JSON.parse(targetJson!) as { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
const database =
  target.kind === 'sqlite'
    ? await openDatabase({ kind: 'sqlite', file: target.file })
    : await openDatabase({ kind: 'postgres', url: target.url }, { schema: target.schema, poolSize: 4 });
const port = await freePort();
const config = loadConfig({ ...process.env, DATA_DIR: dataDir!, LOG_LEVEL: 'silent', DATABASE_URL: '' }, { port, host: '127.0.0.1' });
const { app } = await buildApp({ config, database, feed: new LocalChangeFeed() });
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await app.close();
    await database.close();
    process.exit(0);
  })();
});
