/** Width × height, as the user reads sizes. */
const size = ([w, h]: readonly [number, number]) => `${w}×${h}`;

/**
 * The notice for an image that was downscaled on opening, or null when it was kept at its size.
 * Sizes are [width, height]; the model's input size is [height, width] as models state it (null: not loaded yet).
 */
export function resizeNotice(
  original: readonly [number, number],
  displayed: readonly [number, number],
  sentToModel: readonly [number, number],
  modelInput: readonly [number, number] | null,
): string | null {
  if (displayed[0] >= original[0] && displayed[1] >= original[1]) return null;
  const model = modelInput
    ? `the model sees it at ${modelInput[1]}×${modelInput[0]}, its input size`
    : `the model gets a ${size(sentToModel)} copy, resized to its input`;
  return `Resized from ${size(original)} to ${size(displayed)} for display; ${model}.`;
}
