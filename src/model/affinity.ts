import type { LayerInfo, LinearTail } from '../core/modelInfo';

/**
 * How an op combines the inputs that depend on the explained layer (all others are constants for the layer: weights,
 * skips computed from the image):
 * - additive: affine however many inputs depend on the layer (add, subtract, concatenate, bias);
 * - multilinear: affine only while at most one input depends on it (convolution, matmul, multiply, resize, reshape…);
 * - divide: affine only while the divisor does not depend on it;
 * - nonlinear: never affine (ReLU, sigmoid, max pooling, softmax, and every op we do not know).
 */
export type OpKind = 'additive' | 'multilinear' | 'divide' | 'nonlinear';

/** One node of a model's dataflow graph: a layer of a LayersModel or an op of a GraphModel. */
export interface FlowNode {
  id: string;
  kind: OpKind;
  /** ids of the nodes it reads, in the op's input order */
  inputs: readonly string[];
  /** a short human name of the op, for the note beside the maps (e.g. "1×1 convolution") */
  label: string;
  /**
   * Acts per position on the channels (1×1 convolution, bias, batch norm, addition) or resamples space with weights
   * summing to 1 (resize, cropping, average pooling): it maps a spatially constant input to a constant output. When
   * every op after a layer does, ∂Y^c(u)/∂A summed over the grid is the same for every output pixel u, so
   * Seg-Grad-CAM's weights are |M| times one vector per class. False when unsure.
   */
  pointwise: boolean;
}

/** What a layer or an op is, as classified from its class name or op type (affinityLayers.ts, affinityGraph.ts). */
export type Classified = Pick<FlowNode, 'kind' | 'label' | 'pointwise'>;

export interface Flow {
  nodes: readonly FlowNode[];
  /** the node whose value the adapter takes as the logits */
  output: string;
}

/** Ids of the nodes that reach `target` (target included). */
function ancestors(byId: ReadonlyMap<string, FlowNode>, target: string): Set<string> {
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const i of byId.get(id)?.inputs ?? []) stack.push(i);
  }
  return seen;
}

function consumersOf(nodes: readonly FlowNode[]): Map<string, FlowNode[]> {
  const out = new Map<string, FlowNode[]>();
  for (const n of nodes) for (const i of new Set(n.inputs)) out.set(i, [...(out.get(i) ?? []), n]);
  return out;
}

/** Whether op `n` stays affine in the layer, given which of its inputs depend on the layer. */
function affineOp(n: FlowNode, dependent: ReadonlySet<string>): boolean {
  const dependentInputs = n.inputs.filter((i) => dependent.has(i)).length;
  switch (n.kind) {
    case 'additive':
      return true;
    case 'multilinear':
      return dependentInputs <= 1;
    case 'divide':
      return !n.inputs.slice(1).some((i) => dependent.has(i));
    default:
      return false;
  }
}

/**
 * The ops between a layer and the logits when the logits are an affine function of its activations (the image held
 * fixed): every op on every path from the layer to the output is affine in the layer. Null when one is not, or when the
 * layer does not reach the output.
 */
export function linearTail(
  flow: Flow,
  layer: string,
  reach?: ReadonlySet<string>,
  consumers?: ReadonlyMap<string, FlowNode[]>,
): LinearTail | null {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const toOutput = reach ?? ancestors(byId, flow.output);
  const users = consumers ?? consumersOf(flow.nodes);
  if (!byId.has(layer) || !toOutput.has(layer)) return null;
  // The nodes downstream of the layer that still reach the output: the only ones the gradient passes through.
  const dependent = new Set<string>([layer]);
  const stack = [layer];
  while (stack.length) {
    for (const c of users.get(stack.pop() as string) ?? []) {
      if (!dependent.has(c.id) && toOutput.has(c.id)) {
        dependent.add(c.id);
        stack.push(c.id);
      }
    }
  }
  const ops: string[] = [];
  let pointwise = true;
  for (const n of flow.nodes) {
    if (n.id === layer || !dependent.has(n.id)) continue;
    if (!affineOp(n, dependent)) return null;
    pointwise &&= n.pointwise;
    if (!ops.includes(n.label)) ops.push(n.label);
  }
  return { ops, pointwise };
}

/** The layers with affineToOutput (and, when true, linearTail) filled in from the flow. */
export function withAffinity(layers: readonly LayerInfo[], flow: Flow): LayerInfo[] {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const reach = ancestors(byId, flow.output);
  const users = consumersOf(flow.nodes);
  return layers.map((l) => {
    const tail = linearTail(flow, l.name, reach, users);
    return tail ? { ...l, affineToOutput: true, linearTail: tail } : { ...l, affineToOutput: false };
  });
}
