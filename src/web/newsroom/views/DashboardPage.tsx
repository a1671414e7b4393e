import type { ComponentChildren } from 'preact';
import type { DashboardData } from '../../../newsroom/newsroomQueries.js';
import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { ArticleTable } from './ArticleTable.js';

export function DashboardPage(props: { v: NewsroomView; data: DashboardData; children?: ComponentChildren }) {
  const { t } = props.v;
  const d = props.data;
  return (
    <NewsroomLayout v={props.v} title={t.dashboard}>
      {props.children}
      {d.overdue.length > 0 && (
        <section aria-labelledby="overdue-h">
          <h2 id="overdue-h">⚠ {t.overdue}</h2>
          <ArticleTable v={props.v} rows={d.overdue} showReason />
        </section>
      )}
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
