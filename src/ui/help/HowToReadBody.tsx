import { Equation } from './Equation';
import { openHelpSheet } from '../../state/helpStore';
import { HOW_TO_READ_TEX as TEX } from './howToReadTex';

/** The drawer's text: short plain sections on what is on screen. Loaded only when the drawer first opens. */
export default function HowToReadBody() {
  return (
    <>
      <section aria-labelledby="htr-maps">
        <h3 id="htr-maps">The heat maps and the colour bar</h3>
        <p>
          Each panel paints one method’s map over the image: the warmer, the more that part of the image pushed up the
          region’s score. Every map is normalised on its own to [0, 1], so the colour bar compares places within one
          map, not strengths between maps. A map with no positive evidence says so instead of showing colours.
        </p>
      </section>
      <section aria-labelledby="htr-region">
        <h3 id="htr-region">The region M and the score S</h3>
        <p>
          Click a pixel or draw a region M on the image; c is its class. A drawn region is cut to where the model
          predicts c, unless you tick “use the drawn pixels as they are”. Every method explains the same score: the
          class-c logits summed over M.
        </p>
        <Equation tex={TEX.score} />
      </section>
      <section aria-labelledby="htr-window">
        <h3 id="htr-window">Window size and pooling (Seg-XRes-CAM)</h3>
        <p>
          The gradient G of S tells how much each cell of the layer matters. Seg-XRes-CAM splits the layer’s h×w grid
          into p×q windows and gives each window one value per channel: the <strong>max</strong> of its gradients (the
          paper’s choice) or their <strong>mean</strong>. Small windows keep the weights local; large ones average them
          away.
        </p>
        <ul>
          <li>1×1: every cell keeps its own gradient. That is HiResCAM.</li>
          <li>The whole grid with mean pooling: one weight per channel. That is Seg-Grad-CAM.</li>
        </ul>
        <Equation tex={TEX.window} />
        <p>
          Where the layer is followed only by linear operations (DeepLabV3’s bottleneck: a 1×1 convolution and a
          resize), Seg-Grad-CAM is the class’s logit map whatever the region, so two objects of one class give the same
          map (r = 1.000). That is arithmetic, not a finding.
        </p>
      </section>
      <section aria-labelledby="htr-edges">
        <h3 id="htr-edges">Edges: ours and the paper’s code</h3>
        <p>
          When the window does not divide the grid (say 2×2 windows on 13 rows), the last windows are cut by the border.
        </p>
        <ul>
          <li>
            <strong>Valid cells only (ours, the default):</strong> a cut window pools over the cells it has.
          </li>
          <li>
            <strong>Zero-pad, as the paper’s code:</strong> the grid is padded with zeros first. A mean then counts
            those zeros (a 1-row window’s mean is halved), and a max of negative gradients becomes 0, so the border
            loses its negative evidence. The pooled grid is also resized back by nearest neighbour, so on ragged grids
            windows do not line up exactly. Pick it to compare with the paper’s figures.
          </li>
        </ul>
      </section>
      <section aria-labelledby="htr-sufficiency">
        <h3 id="htr-sufficiency">Sufficiency: is the map enough?</h3>
        <p>
          Keep only the pixels where the map is above the threshold t, replace the rest by the baseline, and run the
          model again on that image. Its prediction P′ in the region is compared with the original P:
        </p>
        <Equation tex={TEX.dice} />
        <ul>
          <li>
            <strong>Dice @ t</strong>: 1 = the kept pixels alone give the same prediction in the region.
          </li>
          <li>
            <strong>Kept</strong>: the share of the image kept. For the same Dice, less is better.
          </li>
          <li>
            <strong>Confidence kept</strong>: the class probability over M on the masked image ÷ the same on the
            original. Continuous where Dice is not (one pixel’s Dice is 0 or 1).
          </li>
        </ul>
      </section>
      <section aria-labelledby="htr-rise">
        <h3 id="htr-rise">RISE</h3>
        <p>
          N random masks, each an s×s grid of cells kept with probability p, smoothed and shifted. The model runs on
          each masked image; a mask counts as much as the region’s prediction survives it (Dice). The same seed, N, s
          and p give the same masks on any machine, so a shared link reproduces the map. More masks: less noise, more
          time.
        </p>
      </section>
      <section aria-labelledby="htr-baseline">
        <h3 id="htr-baseline">Baseline</h3>
        <p>
          What replaces the pixels a method hides: the image’s mean colour (default), black, or a blurred copy. RISE,
          Score-CAM, sufficiency and the faithfulness curves all use it.
        </p>
      </section>
      <section aria-labelledby="htr-readouts">
        <h3 id="htr-readouts">The other read-outs</h3>
        <ul>
          <li>
            <strong>Mass in region</strong>: the share of the map E’s total inside M; compare it with the chance level,
            M’s share of the image.
          </li>
          <li>
            <strong>Leakage</strong>: the share of E’s total outside M, and outside every pixel predicted as the
            region’s class. Lower is better.
          </li>
          <li>
            <strong>Rank accuracy</strong>: of the map’s |M| strongest pixels, the share inside M.
          </li>
          <li>
            <strong>Pointing game</strong>: a hit when the map’s strongest pixel lies in M (widened by 15 px).
          </li>
          <li>
            <strong>vs RISE</strong>: Pearson r and Spearman ρ with the RISE map, a method that never looks inside the
            network.
          </li>
          <li>
            <strong>Controls</strong> (Faithfulness and the sanity check): the same tests scored by a random map, the
            image’s edges and each map blurred, none of which knows the model. A method that does not beat the random
            map is marked <em>not better than random</em>; one that scores like the edge map may explain the image.
          </li>
        </ul>
        <Equation tex={TEX.mass} />
      </section>
      <p>
        <button type="button" className="link" onClick={() => openHelpSheet('shortcuts')}>
          Keyboard shortcuts (?)
        </button>
      </p>
    </>
  );
}
