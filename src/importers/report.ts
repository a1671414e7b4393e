/**
 * What an import did: how many of each kind were created, updated or skipped, and every
 * warning with the item it concerns and why. Printed at the end of a run; tests read it.
 */

export type Outcome = 'created' | 'updated' | 'skipped';

export interface ImportWarning {
  /** The item, as a person can find it in the file: `post 42 "શીર્ષક" (line 120)`. */
  item: string;
  reason: string;
}

export interface KindCounts {
  created: number;
  updated: number;
  skipped: number;
}

export class ImportReport {
  readonly counts = new Map<string, KindCounts>();
  readonly warnings: ImportWarning[] = [];
  dryRun = false;

  count(kind: string, outcome: Outcome, n = 1): void {
    const c = this.counts.get(kind) ?? { created: 0, updated: 0, skipped: 0 };
    c[outcome] += n;
    this.counts.set(kind, c);
  }

  warn(item: string, reason: string): void {
    this.warnings.push({ item: detached(item), reason: detached(reason) });
  }

  /** created + updated for a kind (what exists after the run). */
  total(kind: string): number {
    const c = this.counts.get(kind);
    return c ? c.created + c.updated : 0;
  }

  format(): string {
    const lines = [this.dryRun ? 'Dry run: nothing was written. What an import would do:' : 'Imported:'];
    const kinds = [...this.counts.entries()];
    const width = Math.max(8, ...kinds.map(([k]) => k.length));
    for (const [kind, c] of kinds) {
      lines.push(`  ${kind.padEnd(width)}  ${String(c.created).padStart(7)} created  ${String(c.updated).padStart(7)} updated  ${String(c.skipped).padStart(7)} skipped`);
    }
    if (this.warnings.length === 0) {
      lines.push('No warnings.');
    } else {
      lines.push(`${this.warnings.length} warning${this.warnings.length === 1 ? '' : 's'}:`);
      for (const w of this.warnings) lines.push(`  - ${w.item}: ${w.reason}`);
    }
    return lines.join('\n');
  }
}

/**
 * A one-line progress bar, redrawn at most ten times a second, only on a terminal: piped
 * output (CI logs, files) gets the final report and nothing else.
 */
export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    this.out.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${Math.round(rate)}/s `,
    );
  }

  done(): void {
    if (this.enabled) this.out.write('\n');
  }
}

/**
 * A copy of the text that refers to nothing else. V8 keeps a cut-out string's whole source
 * alive: a warning naming a post's title held the reader's 64 KB chunk it came from, so a
 * large import's memory grew with its warnings.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
