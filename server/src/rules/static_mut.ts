import { precedingAttributes } from '../analysis/attributes';
import type { Rule } from '../analysis/rule';

/** A static the linker or C code reaches by name: `static mut` is the customary FFI form there. */
const EXPORTED = /^#\[\s*(?:unsafe\s*\(\s*)?(?:no_mangle|export_name|link_section|used)\b/;

export const staticMut: Rule = {
  id: 'static_mut',
  // A hint: the docs' last sentence says what the corpora measured.
  severity: 'hint',
  section: 'Minimize unsafe by encapsulating invariants in safe abstractions',
  summary: '`static mut` is global state that every access must touch through `unsafe`; a data race there is undefined behaviour',
  allowedInTests: true,
  docs: {
    what:
      'Flags `static mut` items. Mutable statics declared by C code in an `extern` block (FFI) are left alone: there the ' +
      'foreign side owns the variable; so are statics exported to C or the linker by name (`#[no_mangle]`, `#[export_name]`, ' +
      '`#[used]`, `#[link_section]`), where `static mut` is the customary form, and test code. A hint: half the `static mut`s ' +
      'in libraries are deliberate designs a reviewer leaves alone (log\'s and tracing\'s logger slots guarded by a state ' +
      'atomic for `no_std`, values written once before any thread exists, flags kept under a global lock, machine-translated ' +
      'C tables); judged strictly it was right on 10 of 20 findings in Debian\'s crates (a `static mut` around an atomic, a ' +
      '`Mutex` or a `Once`-guarded value, where a plain `static` or `OnceLock` says the same safely).',
    why:
      'A `static mut` can be read and written from any thread with nothing to stop two at once, so every access needs ' +
      '`unsafe` and the compiler checks none of them. Two threads touching it concurrently is a data race, which is undefined ' +
      'behaviour, and even single-threaded code can create aliasing `&mut` references to it. Taking a reference to a ' +
      '`static mut` is denied outright in the 2024 edition (`static_mut_refs`). The safe tools cost little: atomics for ' +
      'counters and flags, `Mutex`/`RwLock` for larger state, `OnceLock`/`LazyLock` for values initialised once, ' +
      'or passing the state explicitly.',
    example: ['static mut REQUESTS: u64 = 0;', '', 'fn on_request() {', '    unsafe { REQUESTS += 1 };', '}'].join('\n'),
    instead: [
      'use std::sync::atomic::{AtomicU64, Ordering};',
      '',
      'static REQUESTS: AtomicU64 = AtomicU64::new(0);',
      '',
      'fn on_request() {',
      '    REQUESTS.fetch_add(1, Ordering::Relaxed);',
      '}',
    ].join('\n'),
  },
  // `static mut` is the only shape reported.
  mentions: ['static'],
  visit: {
    static_item(node, ctx) {
      const mut = node.children.find((c) => c?.type === 'mutable_specifier');
      const keyword = node.children.find((c) => c?.type === 'static');
      const name = node.childForFieldName('name');
      if (!mut || !keyword || !name || node.parent?.parent?.type === 'foreign_mod_item') return;
      if (precedingAttributes(node).some((a) => EXPORTED.test(a.text))) return;
      ctx.report({ start: keyword.startIndex, end: name.endIndex }, `\`static mut ${name.text}\` is global mutable state: every access is \`unsafe\`, and only discipline keeps two threads from racing on it.`);
    },
  },
};
