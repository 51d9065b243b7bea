// Reads a matrix or signal file given on the command line with a byte limit, checked while reading:
// `--matrix-file /dev/zero` grew past 1.1 GB before, and a FIFO or a huge file was read whole before
// anything looked at it. A regular file over the limit is refused from its size alone; anything else
// (a device, a pipe) is read in chunks and refused as soon as it passes the limit or shows a NUL byte
// (a binary file, never a matrix).
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ReadAt } from '../core/numerics/plainCsvBytes';

export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

const CHUNK = 1 << 16;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;

/** The file's text (UTF-8), or an InputFileError saying why not; `what` names it in messages ("matrix file"). */
export function readInputFile(file: string, maxBytes: number, what: string): string {
  return textOf(readInputBytes(file, maxBytes, what));
}

/** The text of bytes readInputBytes gave. */
function textOf(bytes: Buffer): string {
  // ASCII (every CSV of numbers) decodes as latin1 to the same text at half the cost of UTF-8.
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The file's bytes, read and checked as readInputFile reads them (a reader that needs no text: plainCsvBytes). */
function readInputBytes(file: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new InputFileError(`cannot open the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputFileError(`the ${what} ${file} is a folder`);
    if (stat.isFile() && stat.size > maxBytes) {
      throw new InputFileError(`the ${what} ${file} is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} a ${what} within the size limits can need`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    // A regular file in one read (one byte more shows it has not grown), anything else in chunks.
    const chunkSize = stat.isFile() ? stat.size + 1 : CHUNK;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      let n: number;
      try {
        n = readSync(fd, buffer, 0, chunkSize, null);
      } catch (error) {
        throw new InputFileError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      if (chunk.includes(0)) throw new InputFileError(`the ${what} ${file} holds NUL bytes: it is not a text file`);
      total += n;
      if (total > maxBytes) throw new InputFileError(`the ${what} ${file} is longer than the ${megabytes(maxBytes)} a ${what} within the size limits can need (stopped reading there)`);
      chunks.push(chunk);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * `use` given a reader of the file at a position and its size, when the file is a regular file within
 * `maxBytes`; its answer, or undefined when it has none or anything goes wrong (then the caller reads
 * the file with readInputFile, which words any error).
 */
export function withRegularFile<T>(file: string, maxBytes: number, use: (readAt: ReadAt, size: number) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const descriptor = fd;
    return use((buffer, offset, length, position) => readSync(descriptor, buffer, offset, length, position), stat.size);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
