// A line typed by the person: read from standard input whether it is a terminal (they type,
// then Enter) or a pipe (a script feeds it). Read byte by byte and synchronously, so that not
// one byte more than the line is taken from a pipe that a command run afterwards inherits.
import { readSync } from 'node:fs';

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const readByte = (fd: number, buffer: Buffer): number => {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, 1, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking descriptor with nothing yet: wait a little, then read again.
      if (code === 'EAGAIN') {
        pause(20);
        continue;
      }
      if (code === 'EOF') return 0;
      throw e;
    }
  }
};

/** The next line of `fd` without its line ending; undefined at end of input before any byte. */
export const readLine = (fd = 0): string | undefined => {
  const buffer = Buffer.alloc(1);
  const bytes: number[] = [];
  for (;;) {
    const n = readByte(fd, buffer);
    if (n === 0) return bytes.length === 0 ? undefined : Buffer.from(bytes).toString('utf8');
    const byte = buffer[0] ?? 0;
    if (byte === 0x0a) return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
    bytes.push(byte);
  }
};
