import * as Comlink from 'comlink';
import type { ClotModel } from '../../core/clot/model';
import { Sampler } from '../../core/clot/sampler';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { anchorFidelity } from '../../core/surrogate/fidelity';
import type { TrainingEvents } from './protocol';

/** Samples shown by the views: the first anchor's rows, resampled up to this many. */
const DISPLAY_SAMPLES = 4000;
/** Send new weights to the UI at most this often while training. */
const SNAPSHOT_EVERY_MS = 700;

const noEvents: TrainingEvents = { backend() {}, state() {}, progress() {}, snapshot() {}, modelInfo() {}, fidelity() {}, error() {} };

/**
 * What the training worker tells the views about its model: sampler snapshots (so the slider
 * samples the newest weights without a round trip), its config and steps, and how it reproduces
 * its anchors. `events` is the UI's sink (a comlink proxy); events before it is set are dropped.
 */
export class ViewFeed {
  events: TrainingEvents = noEvents;
  /** When the last snapshot was sent, and how long it took to build. */
  private lastSnapshot = 0;
  private lastCost = 0;

  async snapshot(m: ClotModel): Promise<void> {
    const t0 = performance.now();
    const sampler = new Sampler(m, { n: Math.max(m.rows[0].n, DISPLAY_SAMPLES), seed: 1 });
    const snap = await sampler.snapshot();
    this.lastSnapshot = performance.now();
    this.lastCost = this.lastSnapshot - t0;
    const transfer = [...snap.chain, ...snap.phis, ...(snap.warps ?? []), ...(snap.tangents ?? [])].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
    this.events.snapshot(Comlink.transfer(snap, transfer), m.stepsDone, sampler.startLabels ?? null, sampler.startConditions ?? null);
  }

  /**
   * A snapshot if the last one is older than SNAPSHOT_EVERY_MS (during training), and than twice
   * what it cost: calibrated timing over 4,000 rows with continuous conditions (the demo tasks'
   * probe inputs) takes seconds per snapshot, which would otherwise leave training one step per
   * snapshot (measured 0.18 steps/s on the quantile demo task).
   */
  async snapshotNowAndThen(m: ClotModel): Promise<void> {
    if (performance.now() - this.lastSnapshot > Math.max(SNAPSHOT_EVERY_MS, 2 * this.lastCost)) await this.snapshot(m);
  }

  modelInfo(m: ClotModel): void {
    this.events.modelInfo(m.config, m.stepsDone, { bandwidth: m.bandwidth, alpha: m.alpha, alphaReason: m.alphaReason, metric: m.metricChoice });
  }

  /** How `m` reproduces its anchors (null when untrained); dropped unless `stillCurrent()` after measuring. */
  async fidelity(m: ClotModel, stillCurrent: () => boolean): Promise<void> {
    const step = m.stepsDone;
    if (step === 0) return this.events.fidelity(null, step);
    const fidelity = await anchorFidelity(new ClotSurrogate(m));
    if (stillCurrent() && m.stepsDone === step) this.events.fidelity(fidelity, step);
  }

  /** Everything the views show of a model just installed or stopped. */
  async all(m: ClotModel, stillCurrent: () => boolean): Promise<void> {
    this.modelInfo(m);
    await this.snapshot(m);
    await this.fidelity(m, stillCurrent);
  }
}
