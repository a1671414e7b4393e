// `kill -9` in the middle of a burst of newsroom writes on SQLite (WAL): every write the server
// acknowledged is in the database afterwards, and the database is consistent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrate, nowIso, openDatabase } from '../../src/db/connect.js';
import { addPerson } from '../../src/newsroom/people.js';
import { testPassword } from '../helpers/newsroom.js';
import { startKhabar } from './processes.js';

interface Ack {
  id: number;
  headline: string;
}

/** A form POST over a keep-alive agent; resolves to the status and Location (or rejects when the connection dies). */
function postForm(agent: Agent, url: string, cookie: string, fields: Record<string, string>): Promise<{ status: number; location?: string }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location && { location: res.headers.location }) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('kill -9 during a burst of writes (SQLite, WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-crash-'));
  const file = join(dir, 'khabar.db');
  const email = 'crash-editor@example.com';
  let sectionId: number;
  before(async () => {
    const database = await openDatabase({ kind: 'sqlite', file });
    await migrate(database);
    await addPerson(database.db, { email, name: 'કટોકટી સંપાદક', role: 'editor', password: testPassword });
    sectionId = (await database.db.insertInto('sections').values({ slug: 'gujarat', name: 'ગુજરાત', created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()).id;
    await database.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('no acknowledged write is lost and integrity_check is ok', async () => {
    const env = { DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir };
    const k = await startKhabar(['serve'], env);
    // Sign in through the real form.
    const form = await fetch(`${k.url}/newsroom/login`);
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const loginCsrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const login = await fetch(`${k.url}/newsroom/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: loginCsrf, email, password: testPassword }),
    });
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await (await fetch(`${k.url}/newsroom`, { headers: { cookie } })).text()).match(/name="csrf-token" content="([^"]+)"/)?.[1] ?? '';

    const acks: Ack[] = [];
    const failures: string[] = [];
    let sent = 0;
    let killed = false;
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const killAfter = 120;
    const writer = async () => {
      while (!killed) {
        const headline = `કટોકટી પરીક્ષણ સમાચાર ${++sent} — ક્ષ, જ્ઞ, ઼`;
        try {
          const r = await postForm(agent, `${k.url}/newsroom/articles`, cookie, { _csrf: csrf, headline, sectionId: String(sectionId), dek: `ટૂંકસાર ${sent}` });
          const id = Number(/\/newsroom\/articles\/(\d+)\/edit/.exec(r.location ?? '')?.[1]);
          if (r.status === 303 && Number.isInteger(id)) acks.push({ id, headline });
          else failures.push(`status ${r.status}`);
        } catch {
          // The connection died with the server: that write was never acknowledged.
        }
        if (acks.length >= killAfter && !killed) {
          killed = true;
          k.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    agent.destroy();
    assert.equal(await k.exited, 'SIGKILL');
    assert.deepEqual(failures, [], 'every write answered before the kill succeeded');
    assert.ok(acks.length >= killAfter, `${acks.length} writes acknowledged`);
    console.log(`kill -9 after ${acks.length} acknowledged writes of ${sent} sent`);

    const native = new SQLite(file);
    try {
      assert.equal(native.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(native.pragma('foreign_key_check'), []);
      const rows = new Map(
        (native.prepare('select id, headline from articles').all() as { id: number; headline: string }[]).map((r) => [r.id, r.headline]),
      );
      const lost = acks.filter((a) => rows.get(a.id) !== a.headline);
      assert.deepEqual(lost, [], 'every acknowledged write is there, with its headline');
      // Each story's first revision went in the same transaction as the story.
      const revisions = native.prepare('select count(*) as n from revisions where article_id = ?');
      for (const a of acks) assert.equal((revisions.get(a.id) as { n: number }).n, 1, `revision of ${a.id}`);
    } finally {
      native.close();
    }

    // And the site starts again on that database.
    const again = await startKhabar(['serve'], env);
    try {
      assert.equal((await fetch(`${again.url}/readyz`)).status, 200);
    } finally {
      assert.equal(await again.stop(), 0);
    }
  });
});
