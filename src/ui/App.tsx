import { SAMPLES } from '../state/samples';
import { useAppStore } from '../state/store';
import { CustomModelForm } from './CustomModelForm';
import { Header } from './Header';
import { ImagePicker } from './ImagePicker';
import { ImageView } from './ImageView';
import { MethodPicker } from './MethodPicker';
import { MethodSettings } from './MethodSettings';
import { Notices } from './Notices';
import { Panels } from './Panels';
import { TargetControls } from './TargetControls';
import { useShortcuts } from './useShortcuts';

export function App() {
  const status = useAppStore((s) => s.engine.status);
  const error = useAppStore((s) => s.engine.error);
  useShortcuts();
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
          <TargetControls />
          <MethodPicker />
          <MethodSettings />
        </div>
        <Panels />
      </main>
      <Credits />
    </div>
  );
}

/** Credits for what is on screen: the methods shown, the model and the image in use. */
function Credits() {
  const model = useAppStore((s) => s.params.model);
  const image = useAppStore((s) => s.image);
  const modelCredit = model === 'selfie'
    ? 'MediaPipe selfie segmentation (Google, Apache-2.0)'
    : model === 'unet' || model === 'deeplab'
      ? 'trained here on Fashion-MNIST scenes (Zalando Research, MIT)'
      : 'your own model';
  return (
    <footer className="hint">
      Model: {modelCredit}. Image: {image ? (SAMPLES.find((x) => x.id === image.id)?.credit ?? 'your own') : '…'}. Methods: see each panel&apos;s title.
    </footer>
  );
}
