/**
 * A `datetime-local` field's value in India time (times the newsroom types are India time; see
 * workflow.tsx). Times shown to read come from the view's `time`, in the site's format.
 */
export const istInput = (d: Date | null) =>
  d ? new Date(d.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16) : '';
