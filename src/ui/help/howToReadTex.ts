/**
 * The equations of the "How to read this" drawer (TeX, notation of docs/METHOD.md), kept apart so a test typesets them.
 */
export const HOW_TO_READ_TEX = {
  score: String.raw`S = \sum_{(i,j)\in M} Y^c_{ij}`,
  window:
    String.raw`\text{map} = \operatorname{ReLU}\Big(\sum_k ` +
    String.raw`\operatorname{Up}\big[\operatorname{Pool}_{p\times q}(G_k)\big] \odot A_k\Big)`,
  dice: String.raw`\operatorname{Dice} = \frac{2\,|P'^c \cap P^c \cap M|}{|P'^c \cap M| + |P^c \cap M|}`,
  mass:
    String.raw`\text{mass} = \frac{\sum_{p\in M} E(p)}{\sum_{p} E(p)}, ` +
    String.raw`\qquad \text{chance} = \frac{|M|}{|\text{image}|}`,
} as const;
