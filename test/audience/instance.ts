// One Khabar instance in its own process for the two-instance view test: the real app over the
// PostgreSQL schema named in argv. Prints {"port"} when listening; on SIGTERM closes the app
// (which writes pending views) and the database, then exits.
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { buildApp } from '../../src/web/server.js';
import { freePort } from '../helpers/site.js';

const [url, schema, dataDir] = process.argv.slice(2);
const database = await openDatabase({ kind: 'postgres', url: url! }, { schema: schema!, poolSize: 4 });
const port = await freePort();
// The test sends X-Forwarded-For from 127.0.0.1 to stand for distinct readers behind a proxy.
const config = loadConfig({ DATA_DIR: dataDir!, LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback' }, { port, host: '127.0.0.1' });
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
