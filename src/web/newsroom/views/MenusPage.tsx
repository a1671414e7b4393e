import type { MenuName } from '../../../db/schema.js';
import type { MenuEditorState } from '../../../newsroom/menuQueries.js';
import { pagesMessages } from '../../../i18n/pages.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

/**
 * The header and footer menus. Every change is a plain form post (move up/down, remove, add),
 * so it all works from the keyboard and without JavaScript; /assets/menus.js adds dragging and
 * moves items in place without a reload.
 */
export function MenusPage(props: { v: NewsroomView; state: MenuEditorState; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v, state } = props;
  const p = pagesMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const digits = (n: number) => String(n);
  const menu = (name: MenuName) => {
    const items = state.menus[name];
    return (
      <section class="menu-editor" aria-labelledby={`menu-${name}-h`} id={`menu-${name}`}>
        <h2 id={`menu-${name}-h`}>
          {p.menuTitle(name)} <span class="save-state">({p.itemCount(items.length, digits)})</span>
        </h2>
        {items.length === 0 ? (
          <p class="hint">{p.menuEmpty(name)}</p>
        ) : (
          <>
            <p class="hint">{p.dragHint}</p>
            <ol class="menu-items" data-menu={name} data-moved={p.movedTemplate}>
              {items.map((item, i) => {
                const label = item.label || item.target;
                const move = (direction: 'up' | 'down', text: string, glyph: string, disabled: boolean) => (
                  <form method="post" action={`/newsroom/menus/${name}/move`} class="inline" data-move={direction}>
                    <Csrf token={csrf} />
                    <input type="hidden" name="itemId" value={String(item.id)} />
                    <input type="hidden" name="direction" value={direction} />
                    <button type="submit" class="secondary" aria-label={text} title={text} disabled={disabled}>
                      {glyph}
                    </button>
                  </form>
                );
                return (
                  <li class="menu-item" id={`item-${item.id}`} data-item-id={String(item.id)} draggable={true}>
                    <span class="drag-handle" aria-hidden="true">
                      ⠿
                    </span>
                    <span class="menu-label">
                      <strong>{label}</strong> <span class="status-pill">{p.itemKind[item.kind]}</span>
                      {item.label && item.label !== item.target && <span class="save-state"> · {item.target}</span>}
                      {item.hidden && <span class="save-state"> · {p.notPublic}</span>}
                    </span>
                    <span class="menu-buttons">
                      {move('up', p.moveUp(label), '↑', i === 0)}
                      {move('down', p.moveDown(label), '↓', i === items.length - 1)}
                      <form method="post" action={`/newsroom/menus/${name}/remove`} class="inline">
                        <Csrf token={csrf} />
                        <input type="hidden" name="itemId" value={String(item.id)} />
                        <button type="submit" class="secondary" aria-label={p.remove(label)}>
                          {p.removeShort}
                        </button>
                      </form>
                    </span>
                  </li>
                );
              })}
            </ol>
            <form method="post" action={`/newsroom/menus/${name}/order`} class="menu-order" hidden>
              <Csrf token={csrf} />
              <input type="hidden" name="itemIds" value={items.map((i) => i.id).join(',')} />
            </form>
          </>
        )}
        <form method="post" action={`/newsroom/menus/${name}/add`} class="menu-add">
          <Csrf token={csrf} />
          <h3>{p.addTo(name)}</h3>
          <label for={`${name}-target`}>{p.target}</label>
          <select id={`${name}-target`} name="target">
            <option value="">{p.choose}</option>
            <optgroup label={p.itemKind.section}>
              {state.sections.map((s) => (
                <option value={`section:${s.id}`}>{s.parent_id ? `— ${s.name}` : s.name}</option>
              ))}
            </optgroup>
            {state.pages.length > 0 && (
              <optgroup label={p.itemKind.page}>
                {state.pages.map((pg) => (
                  <option value={`page:${pg.id}`}>
                    {pg.headline}
                    {pg.status !== 'published' ? ` (${v.t.statuses[pg.status]})` : ''}
                  </option>
                ))}
              </optgroup>
            )}
            {state.tags.length > 0 && (
              <optgroup label={p.itemKind.tag}>
                {state.tags.map((t) => (
                  <option value={`tag:${t.id}`}>{t.name}</option>
                ))}
              </optgroup>
            )}
          </select>
          <label for={`${name}-url`}>{p.url}</label>
          <input id={`${name}-url`} type="url" name="url" inputMode="url" placeholder="https://" />
          <label for={`${name}-label`}>{p.label}</label>
          <input id={`${name}-label`} type="text" name="label" lang="gu" maxLength={100} />
          <p>
            <button type="submit">{p.addItem}</button>
          </p>
        </form>
      </section>
    );
  };
  return (
    <NewsroomLayout v={v} title={p.menus} scripts={['/assets/menus.js']}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <p>{p.menusIntro}</p>
      <p class="save-state" id="menu-status" role="status" aria-live="polite" />
      <div class="menus-grid">
        {menu('header')}
        {menu('footer')}
      </div>
    </NewsroomLayout>
  );
}
