// Query expressions for both engines, from an analyzed query. Pure.
//
// `all` mode is the analyzer's own `queryToFts5` / `queryToTsquery`. `any` mode (the fallback
// when no story has every word) ORs the words and phrases but keeps the exclusions.

import { queryToFts5, queryToTsquery, type AnalyzedQuery, type QueryGroup } from '../analyzer.js';

function fts5Group(g: QueryGroup): string {
  return g.alternatives.length === 1 ? g.alternatives[0]!.term : `(${g.alternatives.map((a) => a.term).join(' OR ')})`;
}

function tsGroup(g: QueryGroup): string {
  return g.alternatives.length === 1 ? g.alternatives[0]!.term : `(${g.alternatives.map((a) => a.term).join(' | ')})`;
}

/** An FTS5 MATCH expression, '' when nothing is searchable. */
export function fts5Expression(q: AnalyzedQuery, mode: 'all' | 'any'): string {
  if (mode === 'all') return queryToFts5(q);
  const parts = [...q.groups.map(fts5Group), ...q.phrases.map((p) => `"${p.join(' ')}"`)];
  if (parts.length === 0) return '';
  let expr = `(${parts.join(' OR ')})`;
  for (const g of q.excluded) expr += ` NOT ${fts5Group(g)}`;
  return expr;
}

/** A `to_tsquery('simple', …)` string, '' when nothing is searchable. */
export function tsqueryExpression(q: AnalyzedQuery, mode: 'all' | 'any'): string {
  if (mode === 'all') return queryToTsquery(q);
  const parts = [...q.groups.map(tsGroup), ...q.phrases.map((p) => `(${p.join(' <-> ')})`)];
  if (parts.length === 0) return '';
  return [`(${parts.join(' | ')})`, ...q.excluded.map((g) => `!${tsGroup(g)}`)].join(' & ');
}
