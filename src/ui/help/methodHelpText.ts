import { usesLayer, type MethodNeeds } from '../../core/method';

/** What the symbols of a method's equation stand for, by what the method reads from the network. */
export function symbolsFor(needs: MethodNeeds): string {
  const region = 'M is the region you clicked or drew and c its class';
  if (needs === 'predictions')
    return `${region}; Pᶜ is where the model predicts c on the image, Pᵢᶜ the same on masked image i.`;
  const layer = 'Aₖ is channel k of the layer’s activations, on its h×w grid';
  if (needs === 'activations')
    return `${region}; ${layer}; x is the image, b the baseline and Pr(c | ·) the model’s class-c probability.`;
  return (
    `${region}; Yᶜ is the network’s class-c logit, S the region’s score; ` +
    `${layer}, and Gₖ how much S changes with it.`
  );
}

/** What every map shares, said under each method's own settings. */
export function sharedSettingsNote(needs: MethodNeeds): string {
  const shared = usesLayer(needs)
    ? 'The layer, the region, the threshold t and the baseline'
    : 'The region, the threshold t and the baseline';
  return `${shared} are shared by every map: see “How to read this” at the top of the page.`;
}
