import { gradientMethod } from '../types';
import { combine } from './combine';
import { meta } from './meta';

export const method = gradientMethod(meta, combine);
