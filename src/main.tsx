import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { syncUrl } from './state/shareLink';
import { useAppStore } from './state/store';
import { App } from './ui/App';
import { Controller } from './app';
import type { SegexplainHook } from './app/e2eHook';
import { ControllerContext } from './ui/shell/ControllerContext';
import { fetchImage } from './app/imageLoading';
import { startEngine } from './client/client';
import { applyTheme, storedTheme } from './ui/theme/theme';
import './ui/theme/tokens.css';
import './ui/styles.css';

// The stored theme is applied before the first render: no flash of the other theme.
applyTheme(storedTheme());

const engine = startEngine();
const controller = new Controller(engine, useAppStore, {
  fetchImage: (path, id, name) => fetchImage(import.meta.env.BASE_URL + path, id, name),
});
// Test and automation hook: read-only access to the engine's counters and state.
window.segexplain = {
  stats: () => engine.stats(),
  activeBackend: () => engine.activeBackend(),
  checkGradients: () => engine.checkGradients(),
  state: () => useAppStore.getState(),
  killWorker: () => engine.debug.killWorker(),
} satisfies SegexplainHook;

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
void controller.boot(location.search);
// After boot has put the link's params in the store (synchronously), the address bar follows the view.
syncUrl(useAppStore, history, () => location.pathname);
