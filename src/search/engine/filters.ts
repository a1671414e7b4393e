import { sql, type RawBuilder } from 'kysely';
import type { EngineQuery } from './types.js';

/** The conditions on `articles a` that both engines share: published, visible now, section, dates. */
export function filters(q: EngineQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.status = 'published'`, sql`a.published_at <= ${q.now}`];
  if (q.sectionIds) parts.push(q.sectionIds.length > 0 ? sql`a.section_id in (${sql.join(q.sectionIds)})` : sql`0 = 1`);
  if (q.from) parts.push(sql`a.published_at >= ${q.from}`);
  if (q.to) parts.push(sql`a.published_at < ${q.to}`);
  return sql.join(parts, sql` and `);
}
