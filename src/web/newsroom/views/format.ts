/** Times as the newsroom shows them: India time. */
export const istInput = (d: Date | null) =>
  d ? new Date(d.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16) : '';
export const ist = (d: Date) =>
  new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }).format(d);
