import type { TreeBudget } from './treeBudget';

/** How long the store stays quiet (no open, no close) before the heap is looked at. */
const QUIET_MS = 1000;
/**
 * Growth past a fresh heap from which a renewal is worth re-parsing the open documents. The heap
 * only grows once all of it is in use, so what a renewal gives back is about its whole size
 * (48 MB and more), not just this.
 */
const WORTH_BYTES = 16 * 1024 * 1024;

/**
 * Gives the parser's wasm heap back after documents close. A wasm memory cannot shrink: with 200
 * crate files opened and closed it keeps the 55 MB their trees took. Once the store has been quiet for a
 * moment after a close, if the heap grew well past its fresh size and the trees still alive hold a
 * quarter of their peak or less, the heap is renewed (the documents still open parsed afresh in a
 * new one). The two conditions keep a workload that needs its heap from renewing it over and over.
 */
export class HeapReclaim {
  private timer: NodeJS.Timeout | undefined;
  private renewing = false;
  private freshBytes: number;

  constructor(
    private readonly heapBytes: () => number,
    /** Moves to a fresh heap; never rejects. */
    private readonly renew: () => Promise<void>,
    private readonly trees: TreeBudget,
  ) {
    this.freshBytes = heapBytes();
  }

  /** A document opened or closed: look again once that has been the last for a moment. */
  poke(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), QUIET_MS);
    // Never what keeps a process alive (tests and tools drive stores without a server).
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.renewing || this.heapBytes() - this.freshBytes < WORTH_BYTES || this.trees.liveChars * 4 > this.trees.peakChars) return;
    this.renewing = true;
    await this.renew();
    this.renewing = false;
    this.freshBytes = this.heapBytes();
    this.trees.resetPeak();
  }
}
