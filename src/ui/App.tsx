import { useAppStore } from '../state/store';
import { Credits } from './shell/Credits';
import { CustomModelForm } from './shell/CustomModelForm';
import { Header } from './shell/Header';
import { HelpDialogs } from './help/HelpDialogs';
import { ImagePicker } from './image/ImagePicker';
import { ImageView } from './image/ImageView';
import { GlobalImageInput } from './input/GlobalImageInput';
import { Notices } from './shell/Notices';
import { Panels } from './panels/Panels';
import { SettingsPanel } from './settings/SettingsPanel';
import { useShortcuts } from './shell/useShortcuts';

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
      {status === 'error' && (
        <p role="alert" className="error">
          The engine could not start: {error}
        </p>
      )}
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
