// A second (and third) Khabar instance for the scheduler test: runs the real scheduler
// against the database named in argv for a few seconds and prints what it published.
import { openDatabase } from '../../src/db/connect.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { publishDueArticles } from '../../src/newsroom/scheduler.js';

const [kind, target, schema] = process.argv.slice(2);
const database =
  kind === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: target! }, { schema: schema! })
    : await openDatabase({ kind: 'sqlite', file: target! });
const published: number[] = [];
const until = Date.now() + 3000;
while (Date.now() < until) {
  const run = await publishDueArticles({ db: database.db, dialect: database.dialect, feed: new LocalChangeFeed() });
  published.push(...run.published);
  await new Promise((r) => setTimeout(r, 5));
}
await database.close();
process.stdout.write(JSON.stringify(published));
