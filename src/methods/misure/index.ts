import { jobMethod } from '../types';
import { meta } from './meta';

/** Its forward and backward passes run in the engine, on tfjs: job.ts beside this file. */
export const method = jobMethod(meta);
