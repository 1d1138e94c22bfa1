import { encodeRegion } from '../regions/codec';
import { encodeParams } from './urlCodec';
import type { ViewParams } from './params';

export interface ShareLink {
  url: string;
  /** what the link cannot carry; empty when it reproduces the view exactly */
  missing: string[];
}

/** Longer links are refused by some servers (vite answers HTTP 431 long before 60 kB): the codec stays under this. */
export const MAX_LINK_LENGTH = 4000;

/** The link of a view, and what it leaves out: a link never claims a view it cannot reproduce. */
export function shareLink(params: ViewParams, base: string): ShareLink {
  const missing: string[] = [];
  if (params.image === null)
    missing.push('your own image (and the region on it): links carry only the bundled samples');
  else if (params.region && encodeRegion(params.region) === null) missing.push(`the ${params.region.kind} region`);
  if (params.model === 'files') missing.push('the model files you opened');
  const url = `${base}?${encodeParams(params).toString()}`;
  if (url.length <= MAX_LINK_LENGTH || !params.region) return { url, missing };
  // A region too detailed for a link is left out, and the link says so rather than breaking.
  missing.push(
    `the drawn region, too detailed for a link (${url.length} characters; links stay under ${MAX_LINK_LENGTH})`,
  );
  return { url: `${base}?${encodeParams({ ...params, region: null }).toString()}`, missing };
}

/**
 * Keeps the address bar equal to the view's link (zustand's "connect to state with URL hash" pattern, on the query).
 * Returns the unsubscribe function.
 */
export function syncUrl<S extends { params: ViewParams }>(
  store: { getState(): S; subscribe(listener: (s: S, prev: S) => void): () => void },
  history: { replaceState(data: unknown, unused: string, url: string): void },
  pathname: () => string,
  /** when to write after a change: replaceState costs ~5 ms, so a slider drag writes once it settles */
  later: (write: () => void) => void = debounced(150),
): () => void {
  const write = () => history.replaceState(null, '', shareLink(store.getState().params, pathname()).url);
  write();
  return store.subscribe((s, prev) => {
    if (s.params !== prev.params) later(write);
  });
}

/** Runs the latest function given, once no new one has come for `ms`. */
function debounced(ms: number): (run: () => void) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (run) => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}
