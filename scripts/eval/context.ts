// What scripts/eval-gujarati.ts hands to the figures kept in their own modules.
export interface EvalContext {
  /** Folder of the Gujarati fixtures. */
  guDir: string;
  /** Word frequencies of the fixture text (analyzer vocabulary form). */
  textFreq: ReadonlyMap<string, number>;
  print(name: string, value: string | number): void;
  note(text: string): void;
  readJsonl(file: string): Array<Record<string, unknown>>;
  str(v: unknown): string;
}
