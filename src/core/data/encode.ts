import { base64ToF32, f32ToBase64 } from '../nn/base64';
import { validateAnchorSet } from './build';
import type { Anchor, AnchorSet, Condition } from './types';

/** An anchor set as stored in model files (float arrays as base64). */
export interface EncodedAnchorSet {
  source: string;
  dimY: number;
  condition: Condition;
  anchors: { lambda: number; n: number; y: string; label?: number[]; c?: string }[];
}

/**
 * Encodings already made, by anchor set: a model's anchors never change, so checkpoints taken
 * every few steps reuse one encoding instead of re-encoding every sample (the arrays are shared,
 * read-only, by the files that carry them).
 */
const encoded = new WeakMap<AnchorSet, EncodedAnchorSet>();

export function encodeAnchorSet(set: AnchorSet): EncodedAnchorSet {
  let e = encoded.get(set);
  if (!e) {
    e = {
      source: set.source,
      dimY: set.dimY,
      condition: set.condition,
      anchors: set.anchors.map((a) => ({
        lambda: a.lambda,
        n: a.n,
        y: f32ToBase64(a.y),
        ...(a.label ? { label: Array.from(a.label) } : {}),
        ...(a.c ? { c: f32ToBase64(a.c) } : {}),
      })),
    };
    encoded.set(set, e);
  }
  return e;
}

/** Decodes and validates; throws on anything malformed. */
export function decodeAnchorSet(d: EncodedAnchorSet): AnchorSet {
  if (!d || typeof d !== 'object' || !Array.isArray(d.anchors)) throw new Error('no anchor data (its "data" section is missing or has no anchors)');
  const set: AnchorSet = {
    source: d.source,
    dimY: d.dimY,
    condition: d.condition,
    anchors: d.anchors.map(
      (a): Anchor => ({
        lambda: a.lambda,
        n: a.n,
        y: base64ToF32(a.y),
        ...(a.label ? { label: Int32Array.from(a.label) } : {}),
        ...(a.c ? { c: base64ToF32(a.c) } : {}),
      }),
    ),
  };
  // Named as what it is, the copy stored in the model file: an error naming the training file would send the reader there.
  validateAnchorSet({ ...set, source: `the anchor data it stores (from ${String(d.source)})` });
  return set;
}
