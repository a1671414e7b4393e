import type { Section, Tag } from '../../../db/schema.js';
import { urls } from '../../../content/urls.js';
import { siteAdminMessages, type SiteAdminMessages } from '../../../i18n/siteAdmin.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';
import { AdminTabs } from './SettingsPage.js';

/** A refused form comes back with what was typed, on the item it was for. */
export interface TaxonomyFormState {
  form?: { target: number | 'new'; name: string; slug: string; parentId: string; description: string; seoTitle: string; seoDescription: string };
  notice?: { kind: 'ok' | 'error'; text: string };
}

type Item = Pick<Section, 'id' | 'name' | 'slug' | 'description' | 'seo_title' | 'seo_description'> & { parent_id?: number | null };

/** The fields of one section or tag; `parents` only for sections. */
function ItemFields(props: { m: SiteAdminMessages; prefix: string; item: Item | undefined; typed: TaxonomyFormState['form'] | undefined; parents?: Section[] }) {
  const { m, prefix, item, typed } = props;
  const value = (k: 'name' | 'slug' | 'description' | 'seoTitle' | 'seoDescription', stored: string | undefined) => typed?.[k] ?? stored ?? '';
  return (
    <div class="admin-item-fields">
      <div class="admin-field">
        <label for={`${prefix}-name`}>{m.name}</label>
        <input id={`${prefix}-name`} type="text" name="name" required value={value('name', item?.name)} />
      </div>
      <div class="admin-field">
        <label for={`${prefix}-slug`}>{m.slug}</label>
        <input id={`${prefix}-slug`} type="text" name="slug" value={value('slug', item?.slug)} aria-describedby={`${prefix}-slug-help`} />
        <p class="field-help" id={`${prefix}-slug-help`}>
          {m.slugHelp}
        </p>
      </div>
      {props.parents && (
        <div class="admin-field">
          <label for={`${prefix}-parent`}>{m.parent}</label>
          <select id={`${prefix}-parent`} name="parentId">
            <option value="">{m.topLevel}</option>
            {props.parents
              .filter((p) => p.id !== item?.id)
              .map((p) => (
                <option value={String(p.id)} selected={(typed ? typed.parentId : String(item?.parent_id ?? '')) === String(p.id)}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
      )}
      <div class="admin-field">
        <label for={`${prefix}-desc`}>{m.description}</label>
        <textarea id={`${prefix}-desc`} name="description" rows={3} aria-describedby={`${prefix}-desc-help`}>
          {value('description', item?.description)}
        </textarea>
        <p class="field-help" id={`${prefix}-desc-help`}>
          {props.parents ? m.descriptionHelp : m.descriptionHelpTag}
        </p>
      </div>
      <div class="admin-field">
        <label for={`${prefix}-seot`}>{m.seoTitle}</label>
        <input id={`${prefix}-seot`} type="text" name="seoTitle" value={value('seoTitle', item?.seo_title)} aria-describedby={`${prefix}-seo-help`} />
      </div>
      <div class="admin-field">
        <label for={`${prefix}-seod`}>{m.seoDescription}</label>
        <textarea id={`${prefix}-seod`} name="seoDescription" rows={2} aria-describedby={`${prefix}-seo-help`}>
          {value('seoDescription', item?.seo_description)}
        </textarea>
        <p class="field-help" id={`${prefix}-seo-help`}>
          {m.seoHelp}
        </p>
      </div>
    </div>
  );
}

function MergeDelete(props: { m: SiteAdminMessages; base: string; item: { id: number; name: string }; others: { id: number; name: string }[]; csrf: string; prefix: string }) {
  const { m, item } = props;
  return (
    <div class="admin-danger">
      <form method="post" action={`${props.base}/${item.id}/merge`} class="admin-merge" data-confirm-merge={item.name}>
        <Csrf token={props.csrf} />
        <label for={`${props.prefix}-merge`}>{m.mergeInto}</label>
        <div class="admin-inline">
          <select id={`${props.prefix}-merge`} name="targetId" required aria-describedby={`${props.prefix}-merge-help`}>
            <option value="">{m.chooseTarget}</option>
            {props.others.map((o) => (
              <option value={String(o.id)}>{o.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {m.merge}
          </button>
        </div>
        <p class="field-help" id={`${props.prefix}-merge-help`}>
          {m.mergeHelp}
        </p>
      </form>
      <form method="post" action={`${props.base}/${item.id}/delete`} data-confirm={m.deleteConfirm(item.name)}>
        <Csrf token={props.csrf} />
        <button type="submit" class="danger">
          {m.delete}
        </button>
      </form>
    </div>
  );
}

export function SectionsPage(props: { v: NewsroomView; sections: Section[]; counts: Map<number, number>; state: TaxonomyFormState }) {
  const { v, sections, state } = props;
  const m = siteAdminMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const top = sections.filter((s) => s.parent_id === null);
  const typedFor = (target: number | 'new') => (state.form?.target === target ? state.form : undefined);
  const row = (s: Section, siblings: Section[]) => {
    const i = siblings.indexOf(s);
    const children = sections.filter((c) => c.parent_id === s.id);
    const stories = props.counts.get(s.id) ?? 0;
    return (
      <li class="admin-row" data-id={String(s.id)} draggable>
        <div class="admin-row-head">
          <span class="drag-handle" aria-hidden="true" title={m.dragHandle(s.name)}>
            ⠿
          </span>
          <span class="admin-row-name">
            <strong>{s.name}</strong> <a href={urls.section(s.slug)}>{urls.section(s.slug)}</a>
          </span>
          <span class="admin-row-count">
            {m.stories(stories)}
            {children.length > 0 && ` · ${m.children(children.length)}`}
          </span>
          <span class="admin-row-move">
            <form method="post" action={`/newsroom/sections/${s.id}/up`} class="inline">
              <Csrf token={csrf} />
              <button type="submit" class="icon" aria-label={m.moveUp(s.name)} disabled={i === 0}>
                ↑
              </button>
            </form>
            <form method="post" action={`/newsroom/sections/${s.id}/down`} class="inline">
              <Csrf token={csrf} />
              <button type="submit" class="icon" aria-label={m.moveDown(s.name)} disabled={i === siblings.length - 1}>
                ↓
              </button>
            </form>
          </span>
        </div>
        <details class="admin-edit" open={typedFor(s.id) !== undefined}>
          <summary>
            {m.edit}
            <span class="visually-hidden"> {s.name}</span>
          </summary>
          <form method="post" action={`/newsroom/sections/${s.id}`}>
            <Csrf token={csrf} />
            <ItemFields m={m} prefix={`s${s.id}`} item={s} typed={typedFor(s.id)} parents={children.length > 0 ? [] : top} />
            <button type="submit">{m.save}</button>
          </form>
          <MergeDelete m={m} base="/newsroom/sections" item={s} others={sections.filter((o) => o.id !== s.id)} csrf={csrf} prefix={`s${s.id}`} />
        </details>
        {children.length > 0 && <ol class="admin-children" data-parent={String(s.id)}>{children.map((c) => row(c, children))}</ol>}
      </li>
    );
  };
  return (
    <NewsroomLayout v={v} title={m.sections} scripts={['/assets/siteAdmin.js']}>
      <AdminTabs v={v} current="sections" />
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      <p class="admin-intro">{m.sectionsIntro}</p>
      <ol class="admin-list" data-parent="">
        {top.map((s) => row(s, top))}
      </ol>
      <form method="post" action="/newsroom/sections/order" class="admin-order" hidden>
        <Csrf token={csrf} />
        <input type="hidden" name="order" value="" />
        <button type="submit">{m.saveOrder}</button>
      </form>
      <section class="admin-card admin-new" aria-labelledby="new-section">
        <h2 id="new-section">{m.newSection}</h2>
        <form method="post" action="/newsroom/sections">
          <Csrf token={csrf} />
          <ItemFields m={m} prefix="new" item={undefined} typed={typedFor('new')} parents={top} />
          <button type="submit">{m.create}</button>
        </form>
      </section>
    </NewsroomLayout>
  );
}

export function TagsPage(props: { v: NewsroomView; tags: Tag[]; counts: Map<number, number>; state: TaxonomyFormState }) {
  const { v, tags, state } = props;
  const m = siteAdminMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const typedFor = (target: number | 'new') => (state.form?.target === target ? state.form : undefined);
  return (
    <NewsroomLayout v={v} title={m.tags} scripts={['/assets/siteAdmin.js']}>
      <AdminTabs v={v} current="tags" />
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      <p class="admin-intro">{m.tagsIntro}</p>
      {tags.length === 0 && <p>{m.noTags}</p>}
      <ul class="admin-list">
        {tags.map((t) => (
          <li class="admin-row">
            <div class="admin-row-head">
              <span class="admin-row-name">
                <strong>{t.name}</strong> <a href={urls.tag(t.slug)}>{urls.tag(t.slug)}</a>
              </span>
              <span class="admin-row-count">{m.stories(props.counts.get(t.id) ?? 0)}</span>
            </div>
            <details class="admin-edit" open={typedFor(t.id) !== undefined}>
              <summary>
                {m.edit}
                <span class="visually-hidden"> {t.name}</span>
              </summary>
              <form method="post" action={`/newsroom/tags/${t.id}`}>
                <Csrf token={csrf} />
                <ItemFields m={m} prefix={`t${t.id}`} item={t} typed={typedFor(t.id)} />
                <button type="submit">{m.save}</button>
              </form>
              <MergeDelete m={m} base="/newsroom/tags" item={t} others={tags.filter((o) => o.id !== t.id)} csrf={csrf} prefix={`t${t.id}`} />
            </details>
          </li>
        ))}
      </ul>
      <section class="admin-card admin-new" aria-labelledby="new-tag">
        <h2 id="new-tag">{m.newTag}</h2>
        <form method="post" action="/newsroom/tags">
          <Csrf token={csrf} />
          <ItemFields m={m} prefix="new" item={undefined} typed={typedFor('new')} />
          <button type="submit">{m.create}</button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
