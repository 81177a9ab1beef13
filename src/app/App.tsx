import { useMemo } from 'react';
import { semicirclesAnchorSet } from '../core/datasets/semicircles';
import { AnchorPlot } from './AnchorPlot';

/**
 * Preview page: the built-in semicircles benchmark's anchors. The interactive
 * explorer (training in a worker, the λ slider, geodesics, metric and
 * potential views) builds on this page.
 */
export function App() {
  const data = useMemo(() => semicirclesAnchorSet([0, 0.5, 1], 100, 0), []);
  const counts = data.anchors.map((a) => a.n).join(' / ');
  return (
    <main>
      <h1>Hyperparameter trajectory inference</h1>
      <p className="lead">
        Conditional Lagrangian optimal transport between a network's outputs at a few hyperparameter values. Built-in dataset:{' '}
        <strong>semicircles</strong> — four classes sliding along semicircles as t goes from 0 to 1.
      </p>
      <figure>
        <AnchorPlot data={data} />
        <figcaption>
          Anchors at t = {data.anchors.map((a) => a.lambda).join(', ')} ({counts} samples). Train and sample from the command line:{' '}
          <code>npx hti train data.csv --out model.json</code>, then <code>npx hti sample model.json --lambda 0.25</code>.
        </figcaption>
      </figure>
    </main>
  );
}
