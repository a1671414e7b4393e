import type { ArticleKind, ArticleStatus, Section } from '../../../db/schema.js';
import { pagesMessages } from '../../../i18n/pages.js';
import type { BylineChoice, NewsroomArticleRow } from '../../../newsroom/newsroomQueries.js';
import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { ArticleTable } from './ArticleTable.js';

export interface ListFilters {
  status?: ArticleStatus;
  kind?: ArticleKind;
  sectionId?: number;
  personId?: number;
  q?: string;
}

export function ArticleListPage(props: { v: NewsroomView; rows: NewsroomArticleRow[]; sections: Section[]; people: BylineChoice[]; filters: ListFilters }) {
  const { t } = props.v;
  const f = props.filters;
  const p = pagesMessages(props.v.lang);
  return (
    <NewsroomLayout v={props.v} title={t.articles}>
      <form method="get" action="/newsroom/articles" class="filters">
        <label for="f-status">{t.filter}</label>
        <select id="f-status" name="status">
          <option value="">{t.allStatuses}</option>
          {(Object.keys(t.statuses) as ArticleStatus[]).map((s) => (
            <option value={s} selected={f.status === s}>
              {t.statuses[s]}
            </option>
          ))}
        </select>
        <label for="f-kind">{p.kindFilter}</label>
        <select id="f-kind" name="kind">
          <option value="">{p.kindAll}</option>
          <option value="story" selected={f.kind === 'story'}>
            {p.kindStories}
          </option>
          <option value="page" selected={f.kind === 'page'}>
            {p.kindPages}
          </option>
        </select>
        <label for="f-section">{t.section}</label>
        <select id="f-section" name="section">
          <option value="">{t.allSections}</option>
          {props.sections.map((s) => (
            <option value={String(s.id)} selected={f.sectionId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label for="f-author">{t.authors}</label>
        <select id="f-author" name="author">
          <option value="">{t.allAuthors}</option>
          {props.people.map((p) => (
            <option value={String(p.id)} selected={f.personId === p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label for="f-q">{t.search}</label>
        <input id="f-q" type="search" name="q" value={f.q ?? ''} />
        <p>
          <button type="submit">{t.filter}</button>
        </p>
      </form>
      <ArticleTable v={props.v} rows={props.rows} />
    </NewsroomLayout>
  );
}
