import { defineMethod } from '../../core/method';

export const meta = defineMethod({
  id: 'layercam',
  title: 'LayerCAM',
  description: 'Each cell weighted by its own positive gradient: ReLU(Σ_k ReLU(G_k) ⊙ A_k).',
  reference: {
    authors: 'Jiang, Zhang, Hou, Cheng, Wei', year: 2021, venue: 'IEEE Transactions on Image Processing',
    title: 'LayerCAM: Exploring Hierarchical Class Activation Maps for Localization',
    url: 'https://doi.org/10.1109/TIP.2021.3089943',
  },
  needs: 'gradients',
  shownByDefault: false,
  settings: {},
  summary: () => 'positive gradients, cell by cell',
});
