import { useAppStore } from '../state/store';
import { Credits } from './Credits';
import { CustomModelForm } from './CustomModelForm';
import { Header } from './Header';
import { HelpDialogs } from './help/HelpDialogs';
import { ImagePicker } from './ImagePicker';
import { ImageView } from './ImageView';
import { GlobalImageInput } from './input/GlobalImageInput';
import { Notices } from './Notices';
import { Panels } from './Panels';
import { SettingsPanel } from './settings/SettingsPanel';
import { useShortcuts } from './useShortcuts';

export function App() {
  const status = useAppStore((s) => s.engine.status);
  const error = useAppStore((s) => s.engine.error);
  useShortcuts();
  return (
    <div className="app">
      <Header />
      <Notices />
      <GlobalImageInput />
      <HelpDialogs />
      {status === 'error' && <p role="alert" className="error">The engine could not start: {error}</p>}
      <main className="workspace">
        <div className="stage">
          <ImagePicker />
          <ImageView />
          <CustomModelForm />
        </div>
        <Panels />
        <SettingsPanel />
      </main>
      <Credits />
    </div>
  );
}
