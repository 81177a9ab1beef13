/** Per-group statistics of row-major point sets (n × D) whose rows carry a group index. */

/** Per group, the mean of its rows (G × D) and their variance (covariance trace, G values). */
export function groupStats(a: Float32Array, groups: Int32Array, D: number, G: number): { mean: Float64Array; variance: Float64Array } {
  const mean = groupMeans(a, groups, D, G);
  const variance = new Float64Array(G);
  const count = new Float64Array(G);
  for (let i = 0; i < groups.length; i++) {
    count[groups[i]]++;
    for (let d = 0; d < D; d++) variance[groups[i]] += (a[i * D + d] - mean[groups[i] * D + d]) ** 2;
  }
  for (let g = 0; g < G; g++) variance[g] /= Math.max(count[g], 1);
  return { mean, variance };
}

/** Mean of each group's rows, G × D. */
export function groupMeans(a: Float32Array, groups: Int32Array, D: number, G: number): Float64Array {
  const sum = new Float64Array(G * D);
  const count = new Float64Array(G);
  for (let i = 0; i < groups.length; i++) {
    count[groups[i]]++;
    for (let d = 0; d < D; d++) sum[groups[i] * D + d] += a[i * D + d];
  }
  return sum.map((v, j) => v / Math.max(count[Math.floor(j / D)], 1));
}
