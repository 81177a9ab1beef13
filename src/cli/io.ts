import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { validateAnchorSet } from '../core/data/build';
import { parseAnchorFile } from '../core/data/load';
import type { AnchorUse } from '../core/data/reading';
import type { TensorLayout } from '../core/data/tensor';
import type { AnchorSet } from '../core/data/types';
import { HtiError } from '../core/errors';
import { PRESETS, PRESET_IDS, type PresetId } from '../core/datasets/presets';
import { loadSurrogate } from '../core/surrogate/registry';
import type { TruthScorer } from '../core/surrogate/evaluate';
import { UsageError } from './args';

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
  // Named columns say what a CSV or JSON file holds; the layout flags would be ignored there, so say so.
  if (layout && !/\.(npy|pt|pth)$/i.test(path)) throw new UsageError(`--lambdas, --dim-y and --cond describe .npy and .pt arrays; ${path} names its columns, so leave them out`);
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

/** Whether two paths name one file (through links where both exist). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  return existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);
}

/**
 * Checked before any work, so that a long run does not end in "cannot be written": the file a
 * command will write (`flag` names the option) is none of its inputs (writing would replace
 * them), its folder exists and it is not itself a folder.
 */
export function assertWritable(out: string, flag: string, inputs: string[]): void {
  const input = inputs.find((path) => !path.startsWith('preset:') && sameFile(path, out));
  if (input !== undefined) throw new UsageError(`${flag} ${out} is also this command's input ${input}; writing would replace it (choose another name)`);
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) throw new HtiError(`${out}: cannot be written: the folder ${dirname(out)} does not exist`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new HtiError(`${out}: is a folder; ${flag} needs a file name`);
}
