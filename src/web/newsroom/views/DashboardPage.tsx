import type { ComponentChildren } from 'preact';
import type { DashboardData } from '../../../newsroom/newsroomQueries.js';
import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { ArticleTable } from './ArticleTable.js';
import { workflowMessages } from '../../../i18n/workflow.js';

export function DashboardPage(props: { v: NewsroomView; data: DashboardData; children?: ComponentChildren }) {
  const { t } = props.v;
  const d = props.data;
  const w = workflowMessages(props.v.lang);
  return (
    <NewsroomLayout v={props.v} title={t.dashboard}>
      {props.children}
      {d.overdue.length > 0 && (
        <section aria-labelledby="overdue-h">
          <h2 id="overdue-h">⚠ {t.overdue}</h2>
          <ArticleTable v={props.v} rows={d.overdue} showReason />
        </section>
      )}
      {d.sentBack.length > 0 && (
        <section aria-labelledby="sent-back-h">
          <h2 id="sent-back-h">{w.sentBackToMe}</h2>
          <ul class="sent-back-list">
            {d.sentBack.map((r) => (
              <li data-article-id={r.id}>
                <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline}</a>
                <p class="save-state">{w.sentBackBy(r.note.byName ?? '—', props.v.time(r.note.at))}</p>
                <p class="sent-back-note" lang="gu">
                  {r.note.note}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="drafts-h">
        <h2 id="drafts-h">{w.myDrafts}</h2>
        <ArticleTable v={props.v} rows={d.myDrafts} />
      </section>
      <section aria-labelledby="review-h">
        <h2 id="review-h">{t.awaitingReview}</h2>
        <ArticleTable v={props.v} rows={d.awaitingReview} />
      </section>
      <section aria-labelledby="sched-h">
        <h2 id="sched-h">{t.scheduled}</h2>
        <ArticleTable v={props.v} rows={d.scheduled} />
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t.recentlyPublished}</h2>
        <ArticleTable v={props.v} rows={d.recentlyPublished} />
      </section>
    </NewsroomLayout>
  );
}
