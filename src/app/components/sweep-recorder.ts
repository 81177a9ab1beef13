import { setLambda } from '../actions';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import { exportLabel } from './export-naming';
import { trackScale } from './lambda-track';
import { figureLayers, figureSize, overlaySvg, svgImage, TITLE_AT, TITLE_FONT, TITLE_HEIGHT, titleFontSize } from './figure-svg';

/** The sweep from the first anchor to the last, then the last frame held so the video does not stop mid-move. */
const SWEEP_SECONDS = 4;
const HOLD_SECONDS = 0.5;
const FPS = 30;
/** VP8 first: in headless Chromium 156 a canvas recorded as VP9 came back empty, VP8 played (measured). */
const WEBM_TYPES = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];

/** The WebM type this browser records, or null when it records none. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  return WEBM_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/** Every `requestAnimationFrame` until `frame` returns false or `signal` aborts. */
function everyFrame(signal: AbortSignal, frame: (seconds: number) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const tick = (now: number) => {
      if (signal.aborted || !frame((now - t0) / 1000)) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Records λ moving across the anchor range as a WebM video of a view's figure: each frame moves
 * the slider (the view's canvas redraws at once, through its store subscription) and composites
 * the figure's canvases, its axes and legend (the λ-independent SVG, rasterised once) and a title
 * line with λ into a canvas that MediaRecorder captures. The video has the figure's own size:
 * Chromium without a hardware encoder returned a fraction of a second for frames of 540 × 636 px
 * and more (measured on the test machine), the figure's 360 × 422 recorded in full.
 * Resolves to the video, or null when `signal` aborts. λ and the play button's sweep are restored.
 */
export async function recordSweep(figure: Element, view: { id: string; title: string }, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Blob | null> {
  const type = webmType();
  if (!type) throw new Error('This browser cannot record WebM video.');
  const before = useStore.getState();
  const anchors = before.data?.anchors;
  if (!anchors || anchors.length < 2) throw new Error('There is no λ range to sweep.');
  const lo = anchors[0].lambda;
  const scale = trackScale(anchors.map((a) => a.lambda));
  const layers = figureLayers(figure);
  const size = figureSize(layers);
  const top = layers[layers.length - 1];
  const canvases = layers.filter((l): l is HTMLCanvasElement => l instanceof HTMLCanvasElement);
  const pal = paletteOf(before);
  const overlay = top instanceof SVGSVGElement ? await svgImage(overlaySvg(top, pal)) : null;

  const frame = document.createElement('canvas');
  frame.width = size.width;
  frame.height = size.height + TITLE_HEIGHT;
  const ctx = frame.getContext('2d')!;
  // One type size for the whole video (the title's λ changes its length): the size that fits the longest of a few λ along it.
  const titleAt = (lambda: number) => {
    setLambda(lambda);
    return exportLabel(view.id, view.title, useStore.getState()).title;
  };
  const titleSize = Math.min(...[0, 0.37, 0.5, 0.73, 1].map((u) => titleFontSize(titleAt(scale.fromFrac(u)), frame.width)));
  const paint = (lambda: number) => {
    setLambda(lambda);
    ctx.fillStyle = pal.background;
    ctx.fillRect(0, 0, frame.width, frame.height);
    ctx.fillStyle = pal.foreground;
    ctx.font = `${TITLE_FONT.weight} ${titleSize}px ${TITLE_FONT.family}`;
    ctx.fillText(exportLabel(view.id, view.title, useStore.getState()).title, TITLE_AT.x, TITLE_AT.y);
    for (const c of canvases) ctx.drawImage(c, 0, TITLE_HEIGHT, size.width, size.height);
    if (overlay) ctx.drawImage(overlay, 0, TITLE_HEIGHT, size.width, size.height);
  };

  before.setView({ sweeping: false });
  paint(lo);
  const stream = frame.captureStream(FPS);
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  try {
    await everyFrame(signal, (t) => {
      // Along the slider's track: on a log track (log-spaced anchors) each decade gets the same time.
      paint(scale.fromFrac(Math.min(1, t / SWEEP_SECONDS)));
      onProgress(Math.min(1, t / (SWEEP_SECONDS + HOLD_SECONDS)));
      return t < SWEEP_SECONDS + HOLD_SECONDS;
    });
  } finally {
    if (recorder.state !== 'inactive') recorder.stop();
    await stopped;
    for (const track of stream.getTracks()) track.stop();
    if (before.settings.lambda !== null) setLambda(before.settings.lambda);
    useStore.getState().setView({ sweeping: before.sweeping });
  }
  return signal.aborted ? null : new Blob(chunks, { type: 'video/webm' });
}
