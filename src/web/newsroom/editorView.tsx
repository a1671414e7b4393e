import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EditorArticle, EditorView } from '../../newsroom/newsroomQueries.js';
import { sendPage as html } from '../html.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { featuredImageProps } from './media.js';
import { EditorPage, type EditorNotice, type PendingConfirmation } from './views/EditorPage.js';

/**
 * Sends the editor page of an opened story with everything the editor shows beside the form
 * (the lock holder, a send-back note, the preview link, the featured image), plus what the
 * route adds: the story as typed, a notice, a confirmation to ask.
 */
export async function sendEditor(
  deps: NewsroomDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  e: EditorView,
  extra: { article?: EditorArticle; notice?: EditorNotice; confirm?: PendingConfirmation } = {},
  status = 200,
): Promise<FastifyReply> {
  const { article = e.article, ...rest } = extra;
  const image = await featuredImageProps(deps.db, actor(request), article.featuredMediaId);
  return html(
    reply,
    <EditorPage
      v={newsroomView(deps.site)(request)}
      a={article}
      sections={e.sections}
      people={e.people}
      rights={e.rights}
      {...image}
      {...(e.holder && { holder: e.holder })}
      {...(e.note && { note: e.note })}
      {...(e.previewPath && { previewPath: e.previewPath })}
      {...(e.cardImagePath && { cardImagePath: e.cardImagePath })}
      {...rest}
    />,
    status,
  );
}
