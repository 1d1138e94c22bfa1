import { smoothCopies } from '../core/smoothGrad';
import type { GradientRequest, MethodCall } from '../engine/protocol';
import type { Region } from '../regions/registry';
import type { ViewParams } from '../state/params';

/** The view's gradient pass: the region, class and layer, and SmoothGrad's copies when it is on (absent when off). */
export function gradientRequest(p: ViewParams, region: Region, layer: string, methods: MethodCall[]): GradientRequest {
  const copies = smoothCopies(p.smoothGrad);
  return { region, classIndex: p.classIndex, layer, methods, ...(copies > 1 ? { smoothGrad: copies } : {}) };
}

/** A layer or SmoothGrad change: A and G themselves change, so a new gradient pass (SmoothGrad is no method's). */
export function newGradientPass(p: ViewParams, prev: ViewParams): boolean {
  return p.layer !== prev.layer || smoothCopies(p.smoothGrad) !== smoothCopies(prev.smoothGrad);
}
