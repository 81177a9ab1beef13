import type { Variant } from '../config';
import type { BaselineMethod, Method } from '../sampling/types';

/**
 * One method: how people call it. Every list of methods (CLI help and checks, UI labels and
 * menus, benchmark tables) derives from METHOD_REGISTRY; registry.ts builds and loads them by
 * family. Pure data, so the UI thread can import it without tfjs.
 */
export interface MethodEntry {
  id: Method;
  /** The name shown everywhere (UI, CLI help, benchmark tables). */
  label: string;
  family: 'clot' | 'baseline';
  /** One line on what it does (CLI help, UI tooltips). */
  description: string;
}

const clot = (id: Variant, label: string, description: string): MethodEntry => ({ id, label, description, family: 'clot' });

const baseline = (id: BaselineMethod, label: string, description: string): MethodEntry => ({ id, label, description, family: 'baseline' });

/** Every method, CLOT variants first; the order is the order of every list shown. */
export const METHOD_REGISTRY: Readonly<Record<Method, MethodEntry>> = {
  full: clot('full', 'CLOT K_θ − U (full)', 'learned metric and density potential (the full method); without a potential, paths follow a transport spline where the anchors show a curve (or one row per input leaves nothing to compare) and straight lines where they show none or a faint one'),
  metric: clot('metric', 'CLOT K_θ', 'learned metric (where the anchors leave straight lines), no potential'),
  euclidean: clot('euclidean', 'CLOT K_I', 'Euclidean cost: straight paths through learned maps'),
  'euclidean+potential': clot('euclidean+potential', 'CLOT K_I − U', 'Euclidean metric with the density potential'),
  'fixed-metric': clot('fixed-metric', 'CLOT fixed metric', 'a metric with fixed eigenvalues (D = 2 only)'),
  'fixed-metric+potential': clot('fixed-metric+potential', 'CLOT fixed metric − U', 'the fixed metric with the density potential (D = 2 only)'),
  identity: baseline('identity', 'Identity (not moving)', "the start rows' own outputs at every λ"),
  nearest: baseline('nearest', 'Nearest anchor', 'the outputs of the nearest anchor in λ'),
  mccann: baseline('mccann', 'McCann (straight-line OT)', 'straight lines of the exact optimal coupling between consecutive anchors'),
  cfm: baseline('cfm', 'Conditional flow matching', 'a velocity network trained by flow matching on independent pairs'),
  'ot-cfm': baseline('ot-cfm', 'OT flow matching (OT-CFM)', 'flow matching on exact optimal-transport pairs'),
  regression: baseline('regression', 'Direct regression', 'a network (y at the first anchor, λ) → y'),
};

export const methodLabel = (m: Method): string => METHOD_REGISTRY[m].label;

export const methodsOf = (family: MethodEntry['family']): MethodEntry[] => Object.values(METHOD_REGISTRY).filter((e) => e.family === family);
