import { classFromWords } from '../../regions/classRule';
import { readoutWords } from '../../regions/describe';
import { useAppStore } from '../../state/store';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Explaining class bag over 711 output pixels (the class most of the drawn pixels predict, …); …": what the maps are
 * about, in the words of the region's kind (regions/<kind>/), and where the class came from.
 */
export function TargetLine() {
  const target = useAppStore((s) => s.target);
  const model = useAppStore((s) => s.model);
  const region = useAppStore((s) => s.params.region);
  const chosen = useAppStore((s) => s.params.classIndex !== null);
  if (!target || !model) return null;
  const words = readoutWords(region);
  const from = region ? classFromWords(region, chosen) : '';
  return (
    <p className="hint target-line">
      Explaining {words.lead}class <strong>{model.classes[target.classIndex]?.name}</strong>
      {words.versus !== null ? (
        <>
          {' '}
          rather than <strong>{model.classes[words.versus]?.name}</strong>
        </>
      ) : null}{' '}
      over {plural(target.regionPixels, 'output pixel')}
      {words.note}
      {from ? <span data-testid="class-from"> ({from})</span> : null}
      {target.removedByClass > 0
        ? `; the intersection with the class removed ${plural(target.removedByClass, 'drawn pixel')}`
        : ''}
      {target.layerShape ? `, layer grid ${target.layerShape.join('×')}` : ''}.
    </p>
  );
}
