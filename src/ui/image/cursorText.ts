import type { Point } from '../../core/region';

/** What a screen reader hears as the keyboard cursor moves on the image: where it is and the class under it. */
export function cursorText(
  cursor: Point,
  prediction: { labels: Uint8Array; size: [number, number] } | null,
  classNames: readonly string[],
): string {
  const where = `Cursor at ${Math.round(cursor.x * 100)}% across, ${Math.round(cursor.y * 100)}% down`;
  if (!prediction) return `${where}.`;
  const [h, w] = prediction.size;
  const row = Math.min(h - 1, Math.floor(cursor.y * h));
  const col = Math.min(w - 1, Math.floor(cursor.x * w));
  const name = classNames[prediction.labels[row * w + col] ?? -1];
  return name ? `${where}, on ${name}.` : `${where}.`;
}
