import { clickedCell, clickKind, type ClickRegionOf } from '../click';
import { xy } from '../coordinates';
import { pointTool } from './tool';

/** The clicked pixel, whatever its class. */
export type PointRegion = ClickRegionOf<'point'>;

/** The point tool lives here: it makes a pixel, a blob or a whole class, as the Region menu says. */
export const point = {
  ...clickKind<'point'>(
    'point',
    (r, _cls, env) => clickedCell(r, env.grid),
    (r) => `pixel at ${xy(r)}`,
    { noun: 'point', menu: 'clicked pixel' },
  ),
  tools: [pointTool],
};
