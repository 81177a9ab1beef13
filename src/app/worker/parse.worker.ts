/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { parseAnchorFile } from '../../core/data/load';
import type { AnchorSet } from '../../core/data/types';
import type { ParseApi } from './parse-protocol';

/**
 * The file-parsing worker: reads an uploaded anchor file and parses it off the main thread, so a
 * large file never freezes the page. One worker per file; the UI cancels a parse by terminating it.
 */

/** Bytes read per slice; progress is reported after each. */
const READ_SLICE = 8 << 20;
/** Fewest milliseconds between two parsing progress reports. */
const REPORT_EVERY_MS = 50;

/** All of `file`'s bytes, read slice by slice. */
async function readBytes(file: File, onRead: (done: number) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  for (let at = 0; at < file.size; at += READ_SLICE) {
    const end = Math.min(file.size, at + READ_SLICE);
    bytes.set(new Uint8Array(await file.slice(at, end).arrayBuffer()), at);
    onRead(end);
  }
  return bytes;
}

/** Every buffer under `set`'s typed arrays, once each (a buffer may back several), to transfer rather than copy. */
function buffers(set: AnchorSet): ArrayBuffer[] {
  return [...new Set(set.anchors.flatMap((a) => [a.y, a.label, a.c].flatMap((t) => (t ? [t.buffer as ArrayBuffer] : []))))];
}

const api: ParseApi = {
  async parse(file, layout, onProgress) {
    const bytes = await readBytes(file, (done) => onProgress({ stage: 'reading', done, total: file.size, rows: 0 }));
    let last = 0;
    let lastStep = -1;
    // Uploads are training data: a file of one λ is refused with the reader's message.
    const set = parseAnchorFile(file.name, bytes, layout, {
      use: 'training',
      onProgress: (done, total, rows, phase) => {
        const now = performance.now();
        // A new step is always told (it may start a long single call, e.g. JSON.parse); within a step, every 50 ms and its end.
        if (phase.step === lastStep && now - last < REPORT_EVERY_MS && done < total) return;
        last = now;
        lastStep = phase.step;
        onProgress({ stage: 'parsing', done, total, rows, phase });
      },
    });
    return Comlink.transfer(set, buffers(set));
  },
};
Comlink.expose(api);
