import { CompactStatus } from './CompactStatus';

/**
 * On a phone the views come first and Train, the dataset and the status panel far below them:
 * this bar at the foot of the screen keeps the model's state in sight and jumps to the dataset or the controls.
 * Shown only on narrow screens outside presentation mode (app.css).
 */
export function PhoneBar() {
  return (
    <div className="phone-bar" data-testid="phone-bar">
      <CompactStatus className="phone-status" testId="phone-status" />
      <span className="phone-links">
        <a href="#data-panel">Data ↓</a>
        <a href="#training-controls">Train and settings ↓</a>
      </span>
    </div>
  );
}
