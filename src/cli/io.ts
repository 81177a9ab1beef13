import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseAnchorFile } from '../core/data/load';
import type { TensorLayout } from '../core/data/tensor';
import type { AnchorSet } from '../core/data/types';
import { HtiError } from '../core/errors';
import { PRESETS, PRESET_IDS, type PresetId } from '../core/datasets/presets';
import { deserializeModel } from '../core/clot/serialize';

export function readBytes(path: string): Uint8Array {
  if (!existsSync(path)) throw new HtiError(`${path}: no such file`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new HtiError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Reads anchor data from a file, or generates a built-in dataset for `preset:NAME`. */
export function loadData(path: string, layout?: TensorLayout): AnchorSet {
  if (path.startsWith('preset:')) {
    const id = path.slice('preset:'.length);
    if (!(PRESET_IDS as readonly string[]).includes(id)) throw new HtiError(`unknown preset "${id}" (one of ${PRESET_IDS.join(', ')})`);
    return PRESETS[id as PresetId].make(0);
  }
  return parseAnchorFile(path, readBytes(path), layout);
}

export function loadModelFile(path: string) {
  const text = new TextDecoder().decode(readBytes(path));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new HtiError(`${path}: is not a model file (not valid JSON; truncated?)`);
  }
  return deserializeModel(doc, path);
}

/**
 * Writes via a temporary file in the same folder and a rename, so a reader
 * never sees a half-written file and a failed run leaves the old one intact.
 */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new HtiError(`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
