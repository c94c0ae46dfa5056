/**
 * `[#####.....] 120/1000 files, 37 findings` on stderr, redrawn at most ten times a second, only
 * when stderr is a terminal, not in CI, and only once the run has lasted a moment.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly startedAt = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = !!stream.isTTY && !process.env.CI && total > 1;
  }

  update(done: number, findings: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.startedAt < 300 || (now - this.lastDraw < 100 && done < this.total)) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} files, ${findings} finding${findings === 1 ? '' : 's'}`;
    // A pseudo-terminal may report 0 columns.
    this.stream.write(`\r${line.slice(0, (this.stream.columns || 80) - 1)}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the bar so the report starts on a clean line. */
  end(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
