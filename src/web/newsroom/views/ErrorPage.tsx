import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';

/** A refusal or an error, in the person's language: 403 says they may not, others say what went wrong. */
export function ErrorPage(props: { v: NewsroomView; status: number; message: string }) {
  return (
    <NewsroomLayout v={props.v} title={props.status === 403 ? props.v.t.notAllowed : props.message}>
      {props.status === 403 && <p>{props.message}</p>}
      <p>
        <a href="/newsroom">{props.v.t.dashboard}</a>
      </p>
    </NewsroomLayout>
  );
}
