import type { OpFn } from './context';
import { ELEMENTWISE } from './elementwise';
import { LINEAR } from './linear';
import { RESIZE } from './resize';
import { SHAPE } from './shape';
import { SPATIAL } from './spatial';

/** Every ONNX operator the importer runs, by op type (default domain). */
export const OPS: Readonly<Record<string, OpFn>> = { ...ELEMENTWISE, ...LINEAR, ...RESIZE, ...SHAPE, ...SPATIAL };
