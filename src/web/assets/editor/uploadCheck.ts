// The checks a file passes in the browser before any byte is sent: its size against the
// site's limit and its type. The server checks both again (the limit while reading).

const acceptedTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const acceptedNames = /\.(jpe?g|png|webp|gif)$/i;

/** Megabytes as people read them: one decimal below 10 MB (as the server's messages). */
const megabytes = (bytes: number) => {
  const v = bytes / 1_000_000;
  return v >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
};

export interface UploadCheckLabels {
  /** With {name}, {size} and {max}. */
  tooBig: string;
  /** With {name}. */
  wrongType: string;
}

/** Why this file will not be sent, in the person's language, or undefined when it may be. */
export function uploadProblem(file: File, maxBytes: number, labels: UploadCheckLabels): string | undefined {
  const typeOk = file.type ? acceptedTypes.includes(file.type) : acceptedNames.test(file.name);
  if (!typeOk) return labels.wrongType.replace('{name}', file.name);
  if (file.size > maxBytes) return labels.tooBig.replace('{name}', file.name).replace('{size}', megabytes(file.size)).replace('{max}', megabytes(maxBytes));
  return undefined;
}
