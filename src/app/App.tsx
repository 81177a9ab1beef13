import { useEffect } from 'react';
import { start } from './actions';
import { Controls } from './components/Controls';
import { CopyLink } from './components/CopyLink';
import { DataPanel } from './components/DataPanel';
import { CheckView } from './components/CheckView';
import { CompareCard, PinBar } from './components/CompareView';
import { DemoPanel } from './components/DemoPanel';
import { SweepView } from './components/SweepView';
import { EvaluationPanel } from './components/EvaluationPanel';
import { GeodesicCaption, GeodesicView } from './components/GeodesicView';
import { LambdaControl } from './components/LambdaSlider';
import { LossChart } from './components/LossChart';
import { MetricCaption, MetricView } from './components/MetricView';
import { KeyboardShortcuts } from './components/KeyboardShortcuts';
import { FidelityNote, FieldsError, UntrainedNote } from './components/ModelNotes';
import { OutputCaption, OutputView } from './components/OutputView';
import { PresentationToggle } from './components/PresentationToggle';
import { PotentialCaption, PotentialView } from './components/PotentialView';
import { RecordSweep } from './components/RecordSweep';
import { StatusPanel } from './components/StatusPanel';
import { ThemeToggle } from './components/ThemeToggle';
import { Tour } from './components/Tour';
import { ViewCard } from './components/ViewCard';
import { ViewOptions } from './components/ViewOptions';
import { queryProblems, settingsFromQuery } from './settings/schema';
import { LinkNotice } from './components/LinkNotice';
import { PhoneBar } from './components/PhoneBar';
import { useStore } from './store/store';

let started = false;

export function App() {
  const data = useStore((s) => s.data);
  const dims = useStore((s) => s.dims);

  useEffect(() => {
    if (started) return; // StrictMode runs effects twice in development
    started = true;
    useStore.getState().setSettings(settingsFromQuery(location.search));
    const problems = queryProblems(location.search);
    if (problems.length) useStore.setState({ linkProblems: problems });
    void start();
  }, []);

  const dimsNote = data && data.dimY > 2 ? ` Showing dims ${dims.map((d) => `y${d}`).join(', ')} of ${data.dimY}.` : '';
  // The metric and potential are fields over all D dims: the views draw one plane of them.
  const sliceNote = data && data.dimY > 2 ? ` A slice in dims ${dims.map((d) => `y${d}`).join(', ')} of ${data.dimY}, the other dims at the data's mean: off that plane the field is not shown.` : '';
  return (
    <main>
      <header className="top">
        <div>
          <h1>Hyperparameter trajectory inference</h1>
          <p className="lead">Learn how a network's outputs move with a hyperparameter from a few trained settings, then drag λ to any value in between.</p>
        </div>
        <div className="header-tools">
          <CopyLink />
          <ThemeToggle />
          <PresentationToggle />
          <KeyboardShortcuts />
          <Tour />
        </div>
      </header>
      <div className="layout">
        <aside className="side">
          <DataPanel />
          <DemoPanel />
          <Controls />
          <StatusPanel />
          <LossChart />
        </aside>
        <section className="main">
          <LinkNotice />
          <LambdaControl />
          <FidelityNote testId="fidelity-note" />
          <ViewOptions />
          <div className="views">
            <ViewCard
              id="output"
              title="Outputs at λ"
              exports={<RecordSweep />}
              notes={
                <>
                  <PinBar />
                  <UntrainedNote />
                  <FidelityNote testId="output-fidelity-warning" brief />
                </>
              }
              caption={<OutputCaption dimsNote={dimsNote} />}>
              <OutputView />
            </ViewCard>
            <CompareCard />
            <ViewCard id="geodesics" title="Geodesics" notes={<UntrainedNote />} caption={<GeodesicCaption dimsNote={dimsNote} />}>
              <GeodesicView />
            </ViewCard>
            <ViewCard id="metric" title="Metric field" notes={<><UntrainedNote /><FieldsError /></>} caption={<MetricCaption sliceNote={sliceNote} />}>
              <MetricView />
            </ViewCard>
            <ViewCard id="potential" title="Potential U" notes={<FieldsError />} caption={<PotentialCaption sliceNote={sliceNote} />}>
              <PotentialView />
            </ViewCard>
            <CheckView />
            <SweepView />
          </div>
          <EvaluationPanel />
        </section>
      </div>
      <PhoneBar />
    </main>
  );
}
