import { useState } from 'react';
import { anyMeta, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { downloadPanelPng, downloadReport } from './actions';
import { onDemandExtra } from './onDemandExtra';
import { exportView, pngBlocker, reportBlocker } from './view';
import './export.css';

function DownloadIcon() {
  return (
    <svg
      aria-hidden="true"
      width="12"
      height="12"
      viewBox="0 0 12 12"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 1.5v6.5M3 5.5 6 8.5l3-3M1.5 10.5h9" />
    </svg>
  );
}

/** Runs an export once at a time; a failure becomes a notice. */
function useExport(run: () => Promise<void>, what: string) {
  const [busy, setBusy] = useState(false);
  const notify = useAppStore((s) => s.notify);
  const start = () => {
    if (busy) return;
    setBusy(true);
    run()
      .catch((e: unknown) => notify('error', `${what} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBusy(false));
  };
  return { busy, start };
}

/** "Download PNG" of one panel: its map over the image, colour bar, title and parameters. */
export function PanelPngButton({ id }: { id: MethodId }) {
  const title = anyMeta(id).title;
  const blocker = useAppStore((s) => pngBlocker(s.results[id]));
  const { busy, start } = useExport(() => downloadPanelPng(useAppStore.getState(), id), `The PNG of ${title}`);
  return (
    <button
      type="button"
      className="export-png"
      aria-label={`Download PNG of ${title}`}
      title={blocker ?? `Download a PNG of this panel: the map over the image, its colour bar, title and parameters`}
      disabled={blocker !== null || busy}
      aria-busy={busy}
      onClick={start}
    >
      <DownloadIcon />
      <span className="png-label">PNG</span>
    </button>
  );
}

/** "Download report": a zip of the whole view (maps as .npy, region mask, parameters and link, metrics, PNGs). */
export function ReportButton() {
  const blocker = useAppStore((s) => reportBlocker(exportView(s)));
  const controller = useController();
  const { busy, start } = useExport(
    () =>
      downloadReport(
        useAppStore.getState(),
        onDemandExtra(controller.robustness.view.getState(), controller.sanity.view.getState()),
      ),
    'The report',
  );
  return (
    <div className="export-bar">
      <button
        type="button"
        className="export-report"
        title={
          blocker ??
          'Download a zip: every map as .npy, the region mask, the parameters and ' +
            'share link, the metrics as JSON and CSV, and each panel as PNG'
        }
        disabled={blocker !== null || busy}
        aria-busy={busy}
        onClick={start}
      >
        <DownloadIcon />
        Download report
      </button>
      <span className="hint" aria-live="polite">
        {busy ? 'Preparing the report…' : (blocker ?? 'a zip: maps (.npy), mask, parameters, metrics, PNGs')}
      </span>
    </div>
  );
}
