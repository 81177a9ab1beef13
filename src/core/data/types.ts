/**
 * The data model: anchors are hyperparameter values λ_k at which a network's
 * outputs y (D dims) were recorded, each with a condition: none, one
 * categorical label, or C continuous dims. Anchors may hold different sample
 * counts and need not be equally spaced. Arrays are row-major float32.
 */
export type Condition =
  | { kind: 'none' }
  /** `values[i]` is the label written in the file for class index i. */
  | { kind: 'class'; values: ClassLabel[] }
  | { kind: 'continuous'; dim: number };

/** A class as written in the file: an integer, or a name ("cat", "low dose"). */
export type ClassLabel = number | string;

export interface Anchor {
  lambda: number;
  n: number;
  /** n × D outputs. */
  y: Float32Array;
  /** n class indices (0-based, into Condition.values) when kind is 'class'. */
  label?: Int32Array;
  /** n × C conditions when kind is 'continuous'. */
  c?: Float32Array;
}

export interface AnchorSet {
  /** Where the data came from, for messages. */
  source: string;
  dimY: number;
  condition: Condition;
  /** Sorted by λ, strictly increasing. */
  anchors: Anchor[];
}

export function condDim(cond: Condition): number {
  return cond.kind === 'continuous' ? cond.dim : 0;
}

export function numClasses(cond: Condition): number {
  return cond.kind === 'class' ? cond.values.length : 0;
}

/** One row of the long format, before grouping by λ. */
export interface LongRow {
  lambda: number;
  y: number[];
  /** The label as written in the file. */
  label?: ClassLabel;
  c?: number[];
}
