import { HtiError } from '../errors';

/** Where λ falls: interval k and fraction s ∈ [0, 1]. Outside [λ_0, λ_K] is an error, never an extrapolation. */
export function locate(lambdas: number[], lambda: number): { k: number; s: number } {
  const K = lambdas.length - 1;
  if (!Number.isFinite(lambda) || lambda < lambdas[0] || lambda > lambdas[K]) {
    throw new HtiError(`lambda = ${lambda} is outside the anchor range [${lambdas[0]}, ${lambdas[K]}]; the surrogate does not extrapolate`);
  }
  let k = 0;
  while (k < K - 1 && lambda > lambdas[k + 1]) k++;
  return { k, s: (lambda - lambdas[k]) / (lambdas[k + 1] - lambdas[k]) };
}
