import { useEffect, useState } from 'react';

const STEPS: { view: string; title: string; text: string }[] = [
  { view: 'output', title: 'Anchors', text: 'The faint dots are the network\'s outputs at the observed hyperparameter values (the anchors). The bright dots are the surrogate\'s outputs at the slider\'s λ — values nobody trained the network at.' },
  { view: 'geodesics', title: 'Transport maps', text: 'Between two consecutive anchors a learned map T_k sends each output to where it goes at the next anchor: the optimal transport plan under a learned cost. Tick "straight-line paths" to compare with plain Euclidean transport.' },
  { view: 'geodesics', title: 'Geodesics', text: 'Each sample moves along a spline path that minimises the action of a Lagrangian. These are the curves you see; the slider reads each path at the fraction of the interval λ has covered.' },
  { view: 'metric', title: 'The metric', text: 'Ellipses show the learned metric G: moving along a long axis is expensive, along a short axis cheap. Its trace is fixed, so it can only redistribute cost between directions — it learns the directions the data actually travels.' },
  { view: 'potential', title: 'The potential', text: 'U is the log-density of all anchor samples pooled. Because the Lagrangian is kinetic energy minus U, dense regions are cheap to cross: paths stay where real outputs live.' },
];

/** A short, skippable walk through the views, one at a time, highlighting each. */
export function Tour() {
  const [step, setStep] = useState<number | null>(null);
  useEffect(() => {
    document.querySelectorAll('.view-card').forEach((el) => el.classList.remove('tour-focus'));
    if (step === null) return;
    const el = document.getElementById(STEPS[step].view);
    el?.classList.add('tour-focus');
    el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [step]);
  if (step === null) {
    return (
      <button type="button" className="tour-start" onClick={() => setStep(0)}>
        Take the tour
      </button>
    );
  }
  const s = STEPS[step];
  return (
    <aside className="tour" role="dialog" aria-label="Guided tour" aria-modal="false">
      <strong>
        {step + 1}/{STEPS.length} · {s.title}
      </strong>
      <p>{s.text}</p>
      <button type="button" onClick={() => setStep(step > 0 ? step - 1 : null)} disabled={step === 0}>
        Back
      </button>
      <button type="button" onClick={() => setStep(step + 1 < STEPS.length ? step + 1 : null)}>
        {step + 1 < STEPS.length ? 'Next' : 'Done'}
      </button>
      <button type="button" onClick={() => setStep(null)}>
        Skip tour
      </button>
    </aside>
  );
}
