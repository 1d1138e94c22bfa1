import { useAppStore } from '../state/store';
import { CamControls } from './CamControls';
import { CustomModelForm } from './CustomModelForm';
import { Header } from './Header';
import { ImagePicker } from './ImagePicker';
import { ImageView } from './ImageView';
import { Notices } from './Notices';
import { Panels } from './Panels';
import { RiseControls } from './RiseControls';

export function App() {
  const status = useAppStore((s) => s.engine.status);
  const error = useAppStore((s) => s.engine.error);
  return (
    <div className="app">
      <Header />
      <Notices />
      {status === 'error' && <p role="alert" className="error">The engine could not start: {error}</p>}
      <main className="layout">
        <div className="left">
          <ImagePicker />
          <CustomModelForm />
          <ImageView />
          <CamControls />
          <RiseControls />
        </div>
        <Panels />
      </main>
      <footer className="hint">
        Seg-Grad-CAM (Vinogradova et al. 2020), Seg-XRes-CAM (Hasany et al. 2023), RISE (Petsiuk et al. 2018). Model:
        MediaPipe selfie segmentation (Google, Apache-2.0). Sample: NASA, public domain.
      </footer>
    </div>
  );
}
