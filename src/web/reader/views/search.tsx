import type { SearchResults } from '../../../search/service.js';
import type { Segment } from '../../../search/snippet.js';
import { urls } from '../../../content/urls.js';
import type { PageMeta, ViewContext } from './context.js';
import { Layout } from './Layout.js';
import { Pagination, Time } from './components.js';
import { searchPrecisionMessages } from '../../../i18n/searchPrecision.js';

/** Text with matched words in <mark>; every segment is escaped by the renderer. */
export function Marked(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

export function searchHref(q: string, page = 1): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** The results page (also the empty search form when `results` is undefined). */
export function SearchPage(props: { ctx: ViewContext; q: string; results: SearchResults | undefined }) {
  const { ctx, q, results } = props;
  const { t } = ctx;
  const m = searchPrecisionMessages(ctx.site.locale);
  const meta: PageMeta = {
    title: q ? t.searchTitle(q) : t.searchHeading,
    description: t.searchLabel,
    path: q ? searchHref(q, results?.page ?? 1) : '/search',
    // Result pages are endless and change with every story: not for search engines.
    robots: 'noindex, follow',
  };
  return (
    <Layout ctx={ctx} meta={meta} query={q}>
      <h1>{q ? t.searchTitle(q) : t.searchHeading}</h1>
      {results?.problems.map((p) => (
        <p class="notice" role="status">
          {p.kind === 'unknown_section' ? t.searchUnknownSection(p.value) : t.searchBadDate(p.value)}
        </p>
      ))}
      {results && results.total > 0 && (
        <p class="meta" role="status">
          {t.searchResultsCount(`${ctx.formatCount(results.total)}${results.more ? '+' : ''}`)}
        </p>
      )}
      {(results?.match === 'similar' || results?.match === 'any') && (
        <div class="notice" role="status">
          <p>
            <strong>{results.match === 'similar' ? m.similarHeading : m.anyHeading}</strong>
          </p>
          <p>{results.match === 'similar' ? m.similarNote : m.anyNote}</p>
        </div>
      )}
      {results && results.total === 0 && <p role="status">{t.searchNoResults(q)}</p>}
      {results?.suggestion && (
        <p class="suggestion">
          {t.searchDidYouMean}{' '}
          <a href={searchHref(results.suggestion)} rel="nofollow">
            {results.suggestion}
          </a>
        </p>
      )}
      {results && results.items.length > 0 && (
        <ol class="hits" start={(results.page - 1) * results.perPage + 1}>
          {results.items.map((item) => {
            const language = item.kind === 'story' ? item.article.language : item.page.language;
            return (
              <li class="hit" lang={language === 'gu' ? undefined : language}>
                <h2>
                  <a href={item.kind === 'story' ? urls.article(item.article.sectionSlug, item.article.slug) : urls.page(item.page.slug)}>
                    <Marked segments={item.headline} />
                  </a>
                </h2>
                <p>
                  <Marked segments={item.snippet} />
                </p>
                {item.kind === 'story' && (
                  <p class="meta">
                    <a href={urls.section(item.article.sectionSlug)}>{item.article.sectionName}</a> · <Time ctx={ctx} date={item.article.publishedAt} />
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {results && <Pagination ctx={ctx} page={results.page} pageCount={results.pageCount} href={(p) => searchHref(q, p)} />}
      <p class="meta">{t.searchHelp}</p>
    </Layout>
  );
}
