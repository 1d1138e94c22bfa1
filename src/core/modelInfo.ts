import type { OutputKind } from './kinds';

export interface LayerInfo {
  name: string;
  /** [h, w, K] */
  shape: [number, number, number];
  /** short human label, e.g. "bottleneck" */
  label?: string;
  /** a transformer layer's [1, T, D] tokens, offered as the [h, w, D] patch grid of `shape` */
  tokens?: TokenLayout;
  /** true when only affine ops (linear up to a bias) lie between this layer and the logits; absent when unknown */
  affineToOutput?: boolean;
  /** when affineToOutput: what follows the layer (see src/model/affinity.ts) */
  linearTail?: LinearTail;
}

/** How a token layer's T tokens map to its patch grid: T = extra + h·w, the extra (class, register) tokens first. */
export interface TokenLayout {
  tokens: number;
  extra: number;
  grid: [number, number];
}

/** The affine ops between a layer and the logits. */
export interface LinearTail {
  /** named for people, in graph order, e.g. ["1×1 convolution", "bilinear upsampling"] */
  ops: string[];
  /**
   * every op acts per position on the channels or resamples with weights summing to 1: Seg-Grad-CAM is then the class's
   * logit map
   */
  pointwise: boolean;
}

export interface ClassInfo {
  name: string;
  /** CSS colour of the class in overlays and legends */
  color: string;
}

/** What the UI learns about the loaded model: the plain-data part of the adapter. */
export interface ModelDescriptor {
  id: string;
  title: string;
  inputSize: [number, number];
  outputSize: [number, number];
  classes: ClassInfo[];
  layers: LayerInfo[];
  /** the layer explained when none is chosen (measured per bundled model, see the README) */
  defaultLayer: string;
  /** the paper's layer, one click away when it is not the default */
  bottleneck: string;
  outputKind: OutputKind;
  /** why the sanity check (weight randomisation) is not available for this model; absent when it is */
  sanityUnavailable?: string;
}

/** RGBA pixels as ImageData holds them; what the UI sends to the worker. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What a user's own model file cannot say about itself; asked by the form, defaulted for share links. */
export interface CustomModelOptions {
  /** the pixel range the model was trained on */
  inputRange: '0,1' | '0,255' | '-1,1';
  /** 'auto': one output channel is a sigmoid model, several are softmax classes */
  outputKind: 'auto' | 'sigmoid' | 'softmax';
  /** whether the output is already activated; 'auto' reads the last layer / node */
  outputIs: 'auto' | 'logits' | 'probabilities';
  classNames: string[];
}

export const DEFAULT_CUSTOM_OPTIONS: CustomModelOptions = {
  inputRange: '0,1',
  outputKind: 'auto',
  outputIs: 'auto',
  classNames: [],
};
