import { Transform, type TransformCallback } from 'stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_LINES = /^[A-Za-z0-9-]+:[^\r\n]*(\r\n[A-Za-z0-9-]+:[^\r\n]*)*$/;
const MAX_HEADER = 64 * 1024;

/**
 * Passes only well-formed `Content-Length` frames on to the JSON-RPC reader. vscode-jsonrpc's stream
 * reader loses its place for good after a frame with a bad header (`Content-Length: many`): every
 * later message is read as garbage and the server goes silent. Here a malformed frame is dropped up
 * to the next `Content-Length:` and reported, and the stream goes on.
 */
export class FrameGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly report: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.drain();
    done();
  }

  private drain(): void {
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER) this.skip('a header of more than 64 KiB');
        return;
      }
      const header = this.buffer.subarray(0, end).toString('latin1');
      const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header);
      if (!HEADER_LINES.test(header) || !length) {
        this.skip(`a frame whose header is not "Content-Length: <number>": ${JSON.stringify(header.slice(0, 80))}`);
        continue;
      }
      const total = end + HEADER_END.length + Number(length[1]);
      if (this.buffer.length < total) return;
      this.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
  }

  /** Drops bytes up to the next `Content-Length:` (after the first byte, so this one goes). */
  private skip(reason: string): void {
    const next = this.buffer.toString('latin1').slice(1).search(/content-length:/i);
    const dropped = next < 0 ? this.buffer.length : next + 1;
    this.buffer = this.buffer.subarray(dropped);
    this.report(`dropped ${dropped} bytes of input: ${reason}`);
  }
}
