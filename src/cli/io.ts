import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { validateAnchorSet } from '../core/data/build';
import { parseAnchorFile } from '../core/data/load';
import type { AnchorUse } from '../core/data/reading';
import type { TensorLayout } from '../core/data/tensor';
import type { AnchorSet } from '../core/data/types';
import { HtiError } from '../core/errors';
import { PRESETS, PRESET_IDS, type PresetId } from '../core/datasets/presets';
import { loadSurrogate } from '../core/surrogate/registry';
import type { TruthScorer } from '../core/surrogate/evaluate';

function readBytes(path: string): Uint8Array {
  if (!existsSync(path)) throw new HtiError(`${path}: no such file`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new HtiError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * Reads anchor data from a file, or generates a built-in dataset:
 * `preset:NAME` at its anchors, `preset:NAME@l1,l2,…` fresh samples at other λ
 * (held-out truth for eval). A preset may bring a scorer for its true density.
 * `use` 'training' (loadData) needs two or more λ; 'evaluation' (hti eval's
 * truth) one or more.
 */
export function loadData(path: string, layout?: TensorLayout): AnchorSet {
  return loadDataWithTruth(path, layout, 'training').data;
}

export function loadDataWithTruth(path: string, layout: TensorLayout | undefined, use: AnchorUse): { data: AnchorSet; truth?: TruthScorer } {
  if (path.startsWith('preset:')) {
    const [id, at] = path.slice('preset:'.length).split('@');
    if (!(PRESET_IDS as readonly string[]).includes(id)) throw new HtiError(`unknown preset "${id}" (one of ${PRESET_IDS.join(', ')})`);
    const preset = PRESETS[id as PresetId];
    let lambdas: number[] | undefined;
    if (at !== undefined) {
      lambdas = at.split(',').map(Number);
      if (lambdas.length === 0 || !lambdas.every(Number.isFinite) || lambdas.some((l, i) => i > 0 && l <= lambdas![i - 1])) {
        throw new HtiError(`${path}: the λ list after @ must be increasing numbers, e.g. preset:${id}@0.25,0.75`);
      }
    }
    const data = preset.make(lambdas ? 1 : 0, lambdas);
    validateAnchorSet(data, use);
    return { data, truth: preset.truth };
  }
  return { data: parseAnchorFile(path, readBytes(path), layout, { use }) };
}

/** Reads a CLOT or baseline model file as a surrogate. */
export function loadModelFile(path: string) {
  const text = new TextDecoder().decode(readBytes(path));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new HtiError(`${path}: is not a model file (not valid JSON; truncated?)`);
  }
  return loadSurrogate(doc, path);
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
