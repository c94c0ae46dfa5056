/** What the budget needs of a document: to let go of its tree. */
export interface TreeHolder {
  releaseTree(): void;
}

/**
 * A live tree costs about 18 bytes of wasm memory per character of text (73 MB for a 4 MB file),
 * and the wasm heap is capped (2 GB): a few dozen big files open at once would abort the parser
 * for every document. Past this many characters of parsed text, the trees of the documents analysed
 * longest ago are dropped; their findings stay, and they are parsed again when next edited.
 */
export class TreeBudget {
  /** In order of last use, oldest first. */
  private readonly live = new Map<TreeHolder, number>();
  /** The most characters alive at once since `resetPeak`. */
  private peak = 0;

  constructor(private readonly maxChars = 16 * 1024 * 1024) {}

  /** `holder` just parsed `chars` characters: evicts others' trees until the total fits. */
  use(holder: TreeHolder, chars: number): void {
    this.live.delete(holder);
    this.live.set(holder, chars);
    let total = this.liveChars;
    for (const [other, n] of this.live) {
      if (total <= this.maxChars) break;
      if (other === holder) continue;
      this.live.delete(other);
      other.releaseTree();
      total -= n;
    }
    this.peak = Math.max(this.peak, total);
  }

  forget(holder: TreeHolder): void {
    this.live.delete(holder);
  }

  get liveTrees(): number {
    return this.live.size;
  }

  /** Characters of text whose trees are alive. */
  get liveChars(): number {
    let total = 0;
    for (const n of this.live.values()) total += n;
    return total;
  }

  get peakChars(): number {
    return this.peak;
  }

  resetPeak(): void {
    this.peak = this.liveChars;
  }
}
