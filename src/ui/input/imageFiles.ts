// Picking the image out of what a paste or a drop carries. Pure: works on anything shaped like the DOM's lists.

/** The little of a File (or DataTransferItem's file) read here. */
export interface FileLike {
  readonly type: string;
  readonly name: string;
}

/** The little of a DataTransferItem read here. */
export interface TransferItemLike<F extends FileLike> {
  readonly kind: string;
  readonly type: string;
  getAsFile(): F | null;
}

const isImage = (f: FileLike) => f.type.startsWith('image/');

/**
 * The file to open from a paste or a drop: the first image, else the first file of any other kind (decoding then
 * says clearly that it is not an image), else null when nothing but text came (a text paste is not ours).
 */
export function pickImageFile<F extends FileLike>(
  files: ArrayLike<F> | null | undefined,
  items?: ArrayLike<TransferItemLike<F>> | null,
): F | null {
  const all: F[] = Array.from(files ?? []);
  // Some browsers list a pasted screenshot only among the items, not the files.
  if (all.length === 0) {
    for (const item of Array.from(items ?? [])) {
      const file = item.kind === 'file' ? item.getAsFile() : null;
      if (file) all.push(file);
    }
  }
  return all.find(isImage) ?? all[0] ?? null;
}

/** Whether a drag carries files (not text or a link dragged within the page). */
export function dragCarriesFiles(types: readonly string[] | null | undefined): boolean {
  return Array.from(types ?? []).includes('Files');
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel', '']);

/** The little of an element read here. */
interface ElementLike {
  readonly tagName?: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
}

/** Whether a paste lands where the user types text: there it is theirs, not an image to open. */
export function isTextEntry(target: unknown): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el !== 'object') return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has((el.type ?? '').toLowerCase());
}

/** A name for a pasted image: a clipboard screenshot comes as a bare "image.png", which tells the user nothing. */
export function pastedName(file: FileLike): string {
  return file.name && file.name !== 'image.png' ? file.name : 'pasted image';
}
