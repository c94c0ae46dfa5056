/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor[data-uri]';

/** A line of the active editor that carries a squiggle, as the user sees it. */
export interface Squiggle {
  kind: 'error' | 'warning' | 'info' | 'hint';
  line: string;
}

/**
 * What a user does in the VS Code workbench, expressed through the DOM: keyboard shortcuts, the
 * command palette, Quick Open, hovering with the mouse. Every method waits for the UI it expects.
 */
export class Workbench {
  constructor(
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  private shots = 0;

  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.statusbar').waitFor();
    await this.page.locator('.explorer-folders-view, .explorer-viewlet, .pane-body').first().waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.artifacts, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs a command through the command palette, by its title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor. */
  async open(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: path.basename(relativePath) }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`${ACTIVE_EDITOR}[data-uri$="${relativePath}"]`).waitFor();
    await this.page.locator(`${ACTIVE_EDITOR}.focused`).waitFor();
  }

  /** Ctrl+G: puts the cursor on the first line that contains `needle`, just before the needle (after it with `after`). */
  async goTo(needle: string, source: string, options: { after?: boolean; delta?: number } = {}): Promise<void> {
    const lines = source.split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    if (line < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
    const column = lines[line].indexOf(needle) + 1 + (options.after ? needle.length : 0) + (options.delta ?? 0);
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line + 1}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The squiggled lines of the active editor, read from the rendered view (visible lines only). */
  squiggles(): Promise<Squiggle[]> {
    return this.page.evaluate((editorSelector) => {
      const editor = document.querySelector(editorSelector);
      if (!editor) return [];
      const lineAt = new Map<string, string>();
      for (const line of editor.querySelectorAll<HTMLElement>('.view-lines .view-line')) lineAt.set(line.style.top, (line.textContent ?? '').replace(/\u00a0/g, ' '));
      const found: { kind: 'error' | 'warning' | 'info' | 'hint'; line: string }[] = [];
      for (const kind of ['error', 'warning', 'info', 'hint'] as const) {
        for (const s of editor.querySelectorAll<HTMLElement>(`.view-overlays .squiggly-${kind}`)) {
          found.push({ kind, line: lineAt.get((s.parentElement as HTMLElement).style.top) ?? '?' });
        }
      }
      return found;
    }, ACTIVE_EDITOR);
  }

  /** The visible text of the active editor, line by line (the files these tests open fit on screen). */
  visibleText(): Promise<string> {
    return this.page.evaluate((editorSelector) => {
      const lines = [...document.querySelectorAll<HTMLElement>(`${editorSelector} .view-lines .view-line`)];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    }, ACTIVE_EDITOR);
  }

  /** Waits until the squiggles satisfy `test`; returns them. */
  async squigglesWhere(what: string, test: (s: Squiggle[]) => boolean, timeoutMs = 20_000): Promise<Squiggle[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.squiggles();
      if (test(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; squiggles now: ${JSON.stringify(s)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The middle of the squiggle on the first visible line that contains `needle` (for the mouse). */
  async squiggleCenter(needle: string): Promise<{ x: number; y: number }> {
    const box = await this.page.evaluate(
      ([editorSelector, text]) => {
        const editor = document.querySelector(editorSelector);
        const line = [...(editor?.querySelectorAll<HTMLElement>('.view-lines .view-line') ?? [])].find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(text));
        if (!editor || !line) return undefined;
        const squiggle = [...editor.querySelectorAll<HTMLElement>('.view-overlays [class*="squiggly-"]')].find((s) => (s.parentElement as HTMLElement).style.top === line.style.top);
        const r = squiggle?.getBoundingClientRect();
        return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      },
      [ACTIVE_EDITOR, needle] as const,
    );
    if (!box) throw new Error(`no squiggle on a visible line containing ${JSON.stringify(needle)}`);
    return box;
  }

  /**
   * The problems the Problems panel (Ctrl+Shift+M) lists for one file, filtered to it with the
   * panel's filter box as a user would (the list only renders the rows on screen). Reads the list
   * until `test` holds or 20 s pass: the filter and the list refresh on throttles whose length
   * depends on how busy the machine is.
   */
  async problemsWhere(fileName: string, test: (rows: string[]) => boolean): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M'); // it toggles
    await panel.waitFor();
    const filter = this.page.locator('.part.panel input[placeholder^="Filter"]');
    await filter.fill(`**/${fileName}`);
    const deadline = Date.now() + 20_000;
    let rows: string[] = [];
    do {
      await this.page.waitForTimeout(200);
      const listed = await panel.locator('.monaco-list-row').evaluateAll((els) =>
        els.map((e) => ({ file: e.querySelector('.label-name')?.textContent ?? '', text: (e as HTMLElement).innerText.replace(/\n/g, ' ') })),
      );
      let file = '';
      rows = listed.filter((row) => (/\[Ln \d+, Col \d+\]/.test(row.text) ? file === fileName : ((file = row.file), false))).map((row) => row.text);
    } while (!test(rows) && Date.now() < deadline);
    await filter.fill('');
    return rows;
  }

  /** Closes the panel area (the Problems panel) again. */
  async closePanel(): Promise<void> {
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible()) await this.page.keyboard.press('Control+J'); // toggles the panel
    await panel.waitFor({ state: 'hidden' });
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  /** Inserts text at once, as a paste does. */
  async paste(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  /** Ctrl+S, and waits for the tab to lose its dirty mark. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached', timeout: 20_000 });
  }

  async isDirty(): Promise<boolean> {
    return (await this.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
  }

  /** Ctrl+. on the cursor: the quick-fix menu's entries. */
  async quickFixMenu(): Promise<Locator> {
    const menu = this.page.locator('.action-widget');
    const firstRow = menu.locator('.monaco-list-row.action').first();
    // A Ctrl+. that lands while the editor is still fetching code actions can open nothing (seen
    // about once in eight CI runs): ask again, up to three times, before failing.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await firstRow.waitFor({ timeout: 10_000 });
        return menu;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** Moves through the open quick-fix menu with the arrow keys to the entry matching `title`, and applies it with Enter. */
  async pickQuickFix(menu: Locator, title: RegExp): Promise<void> {
    const rows = menu.locator('.monaco-list-row.action');
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const focused = (await menu.locator('.monaco-list-row.action.focused').getAttribute('aria-label')) ?? '';
      if (title.test(focused)) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix matching ${title} in ${JSON.stringify(await rows.allInnerTexts())}`);
  }

  /** Types `prefix` then the rest of `label`, and waits until the suggestion `label` is the focused one. */
  async suggest(prefix: string, label: string): Promise<void> {
    await this.type(prefix);
    const widget = this.page.locator('.editor-widget.suggest-widget');
    if (!(await widget.isVisible())) await this.page.keyboard.press('Control+Space');
    await widget.locator('.monaco-list-row', { hasText: prefix }).first().waitFor();
    await this.type(label.slice(prefix.length));
    await widget.locator('.monaco-list-row.focused', { hasText: label }).waitFor();
  }

  /** Tab accepts the focused suggestion; Escape then leaves the snippet's placeholders. */
  async acceptSuggestion(): Promise<void> {
    await this.page.keyboard.press('Tab');
    await this.page.locator('.editor-widget.suggest-widget').waitFor({ state: 'hidden' });
    await this.page.keyboard.press('Escape');
  }

  statusItem(text: string): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }
}
