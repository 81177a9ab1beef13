import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import './touch-targets.css';
import { followPresentation } from './presentation';
import { installTestApi } from './testing/test-api';
import { followTheme } from './theme-sync';

installTestApi();
followTheme();
followPresentation();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
