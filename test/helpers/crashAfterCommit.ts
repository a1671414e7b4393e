// A Khabar process that publishes one story and is killed (SIGKILL) the moment the change is
// committed, before any in-process listener hears of it: the feed's publish is where it dies.
import { openDatabase } from '../../src/db/connect.js';
import type { ChangeEvent, ChangeFeed } from '../../src/content/changes.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';

const [kind, target, schema, articleId] = process.argv.slice(2);
const database =
  kind === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: target! }, { schema: schema! })
    : await openDatabase({ kind: 'sqlite', file: target! });
const dying: ChangeFeed = {
  publish(events: readonly ChangeEvent[]) {
    process.stdout.write(`committed ${events.map((e) => e.type).join(',')}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
  subscribe: () => () => undefined,
};
await publishArticle({ db: database.db, feed: dying }, { actor: { id: 0, role: 'admin' }, articleId: Number(articleId) });
process.stdout.write('not killed\n');
