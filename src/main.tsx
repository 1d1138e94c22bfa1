import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { Controller } from './ui/controller';
import { ControllerContext } from './ui/ControllerContext';
import { useAppStore } from './state/store';
import './ui/styles.css';

const controller = new Controller();
// Test and automation hook: read-only access to the engine's counters and state.
(window as unknown as { segexplain: unknown }).segexplain = {
  stats: () => controller.engine.api.stats(),
  backend: () => controller.engine.api.activeBackend(),
  checkGradients: () => controller.engine.api.checkGradients(),
  state: () => useAppStore.getState(),
};

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
void controller.boot(location.search);
