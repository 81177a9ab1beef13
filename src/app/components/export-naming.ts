import { shownPicture } from '../store/kept-picture';
import type { AppState } from '../store/store';
import { fieldSubject } from './field-subject';
import { lambdaFormat } from './format';

/**
 * What an exported figure of a view is called and titled, from what the view shows: λ for the
 * views that move with it, the class for the metric and potential fields, and the dataset.
 * `outputs-lambda-0.25` and "Outputs at λ = 0.25 · semicircles".
 */
export interface ExportLabel {
  /** The file name without its extension. */
  fileStem: string;
  /** The title line drawn above the exported figure. */
  title: string;
}

/** Views whose picture depends on λ; the others show a field of one class. */
const AT_LAMBDA = new Set(['output', 'geodesics']);
/** File names read as what they show: "outputs", not the card id "output". */
const FILE_PREFIX: Record<string, string> = { output: 'outputs' };
/** A long uploaded file name would run off the figure's title line. */
const MAX_DATASET_CHARS = 36;

const slug = (s: string) => s.replace(/−/g, '-').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
const shorten = (s: string) => (s.length > MAX_DATASET_CHARS ? `${s.slice(0, MAX_DATASET_CHARS - 1)}…` : s);

/** The λ shown, as people write it (to 1 % of the anchor range), or null without data. */
export function shownLambda(s: Pick<AppState, 'data' | 'settings'>): string | null {
  const anchors = s.data?.anchors;
  if (!anchors?.length) return null;
  const lo = anchors[0].lambda;
  const hi = anchors[anchors.length - 1].lambda;
  const lam = Math.min(hi, Math.max(lo, s.settings.lambda ?? lo));
  return lambdaFormat(hi - lo, anchors.map((a) => a.lambda))(lam);
}

/** The class (or condition) a field view draws, as a phrase and a file-name part; null when the data have none. */
function shownSubject(view: string, s: AppState): { phrase: string; file: string } | null {
  const data = s.data;
  if (!data || data.condition.kind === 'none') return null;
  const request = view === 'metric' ? shownPicture(s).metricField?.request : s.potentialField?.request;
  const index = request?.classIndex ?? s.fieldClass;
  const phrase = fieldSubject(data, index);
  const file = data.condition.kind === 'class' ? phrase : `sample ${Math.max(0, index) + 1}`;
  return { phrase, file };
}

/** The start of every file exported from a view: `outputs`, `geodesics`, … */
export const filePrefix = (view: string) => FILE_PREFIX[view] ?? view;

export function exportLabel(view: string, viewTitle: string, s: AppState): ExportLabel {
  const prefix = filePrefix(view);
  const parts: string[] = [];
  let fileStem = prefix;
  let title = viewTitle;
  if (AT_LAMBDA.has(view)) {
    const lam = shownLambda(s);
    if (lam !== null) {
      fileStem = `${prefix}-lambda-${slug(lam)}`;
      // "Outputs at λ" reads on as "Outputs at λ = 0.25"; other titles get "λ = 0.25" as a part.
      if (viewTitle.endsWith('λ')) title = `${viewTitle} = ${lam}`;
      else parts.push(`λ = ${lam}`);
    }
  } else {
    const subject = shownSubject(view, s);
    if (subject) {
      fileStem = `${prefix}-${slug(subject.file)}`;
      parts.push(subject.phrase);
    }
  }
  if (s.data) parts.push(shorten(s.data.source));
  return { fileStem, title: [title, ...parts].join(' · ') };
}
