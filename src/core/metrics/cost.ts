/** The n × m matrix (row-major, float64) of squared Euclidean distances between the rows of a (n × D) and b (m × D). */
export function squaredDistances(a: ArrayLike<number>, b: ArrayLike<number>, D: number): Float64Array {
  const n = a.length / D;
  const m = b.length / D;
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) {
        const t = a[i * D + d] - b[j * D + d];
        s += t * t;
      }
      c[i * m + j] = s;
    }
  }
  return c;
}
