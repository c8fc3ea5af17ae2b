import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/tokens.css';
import './ui/components.css';
import './ui/focus.css';
import './app/app.css';
import { App } from './app/App';
import { rescueLostFocus } from './app/focus-rescue';
import { ignoreHeldActivation } from './app/held-key';
import { connectBridge } from './bridge';
import { LatchContext } from './latch-context';

ignoreHeldActivation(window);
rescueLostFocus(window);

const root = createRoot(document.getElementById('root') as HTMLElement);

connectBridge().then(
  (api) =>
    root.render(
      <StrictMode>
        <LatchContext.Provider value={api}>
          <App />
        </LatchContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <div className="fatal" role="alert">
        <h1>Latch could not start</h1>
        <p>{error instanceof Error ? error.message : 'Unknown error.'}</p>
      </div>,
    ),
);
