import { StrictMode } from 'react';
import { version } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import 'r2-uploader/styles.css';
import './demo.css';

// Which React renders the demo (R2_DEMO_REACT=18 puts it on 18.3): e2e/react-version.spec.ts checks it.
document.documentElement.dataset.reactVersion = version;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
