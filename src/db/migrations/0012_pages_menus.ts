import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Static pages and menus. An article is a `story` or a `page`; pages have no section, so
 * `section_id` becomes nullable (SQLite cannot drop NOT NULL in place: the table is rebuilt with
 * foreign keys off, its indexes recreated). `menu_items` holds the header and footer menus.
 */
export function pagesMenus(ctx: MigrationContext): Migration {
  const { idType, id } = idColumn(ctx.dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('articles').addColumn('kind', 'text', (c) => c.notNull().defaultTo('story')).execute();
      if (ctx.dialect === 'postgres') {
        await sql`alter table articles alter column section_id drop not null`.execute(db);
      } else {
        await rebuildSqliteArticles(db);
      }
      await db.schema.createIndex('articles_kind').on('articles').columns(['kind', 'status']).execute();
      await db.schema
        .createTable('menu_items')
        .addColumn('id', idType, id)
        .addColumn('menu', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.references('tags.id').onDelete('cascade'))
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
        .addColumn('url', 'text')
        .execute();
      await db.schema.createIndex('menu_items_menu').on('menu_items').columns(['menu', 'position']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('menu_items').execute();
      await db.schema.dropIndex('articles_kind').execute();
      await db.schema.alterTable('articles').dropColumn('kind').execute();
    },
  };
}

/** The documented SQLite recipe: new table from the old definition minus NOT NULL, copy, swap. */
async function rebuildSqliteArticles(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = 'articles'`.execute(db);
  const table = rows.find((r) => r.type === 'table')?.sql;
  if (!table) throw new Error('articles table not found');
  const relaxed = table.replace(/("section_id" integer) not null/i, '$1');
  if (relaxed === table) throw new Error('articles.section_id definition not recognised');
  const indexes = rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.sql as string);
  // Foreign keys off: dropping the old table must not cascade to revisions, comments, counters…
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    await sql.raw(relaxed.replace(/^create table "?articles"?/i, 'create table "articles_rebuilt"')).execute(db);
    await sql`insert into articles_rebuilt select * from articles`.execute(db);
    await sql`drop table articles`.execute(db);
    await sql`alter table articles_rebuilt rename to articles`.execute(db);
    for (const ddl of indexes) await sql.raw(ddl).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error('foreign keys broken by the articles rebuild');
    await sql`commit`.execute(db);
  } catch (err) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw err;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
