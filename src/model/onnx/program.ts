import * as tf from '@tensorflow/tfjs-core';
import type { OnnxGraph, OnnxNode } from './graph';
import { OpContext } from './ops/context';
import { OPS } from './ops';

/** Operators of the file that the importer cannot run, with how often each occurs, most frequent first. */
export function missingOperators(graph: OnnxGraph): [string, number][] {
  const counts = new Map<string, number>();
  for (const n of graph.nodes) if (!(n.op in OPS)) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export class UnsupportedOperatorsError extends Error {
  constructor(readonly missing: [string, number][]) {
    const list = missing.map(([op, n]) => `${op} ×${n}`).join(', ');
    super(`This ONNX model uses operators the app cannot run yet: ${list}.`);
  }
}

export interface RunOptions {
  /** stop at this value and return it */
  until?: string;
  /** take this value as given instead of computing it (a layer's activations, for gradients from that layer) */
  replace?: { name: string; value: tf.Tensor };
  /** add these to the named values as they are computed: zero taps whose gradients are ∂out/∂value, all in one pass */
  taps?: ReadonlyMap<string, tf.Tensor>;
}

/**
 * An ONNX graph as tfjs ops (so tf.grad differentiates it). Everything that does not depend on the image (weights,
 * and shape arithmetic such as Shape → Gather → Concat → Reshape) is computed once at load time for the input's fixed
 * shape; a run executes only the rest. Callers run it inside tf.tidy.
 */
export class OnnxProgram {
  private readonly constValues = new Map<string, number[]>();
  private readonly needed = new Map<string, OnnxNode[]>();
  private swapped: Map<string, tf.Tensor> | null = null;
  /** constants owned by another program (shared weights): never freed here */
  private readonly borrowed = new Set<string>();

  private constructor(
    readonly graph: OnnxGraph,
    readonly input: string,
    readonly output: string,
    private readonly consts: Map<string, tf.Tensor>,
    /** the image-dependent nodes, in graph order */
    readonly plan: readonly OnnxNode[],
  ) {}

  /**
   * Folds the constant part of the graph by running it once on `probe` (NCHW, the input's fixed shape; its batch is
   * the batch this program runs). `weights`: another program's initializers, shared instead of copied (and not freed
   * by this one's dispose).
   */
  static prepare(graph: OnnxGraph, probe: tf.Tensor, weights?: ReadonlyMap<string, tf.Tensor>): OnnxProgram {
    const missing = missingOperators(graph);
    if (missing.length > 0) throw new UnsupportedOperatorsError(missing);
    const input = graph.inputs[0]?.name;
    const output = graph.outputs[0]?.name;
    if (!input || !output) throw new Error('The ONNX graph has no input or no output.');
    const consts = new Map<string, tf.Tensor>(
      graph.initializers.map((t) => [t.name, weights?.get(t.name) ?? tf.tensor(t.values, t.shape, t.dtype)] as const),
    );
    const plan: OnnxNode[] = [];
    const program = new OnnxProgram(graph, input, output, consts, plan);
    if (weights) for (const name of weights.keys()) program.borrowed.add(name);
    try {
      tf.tidy(() => {
        const env = new Map<string, tf.Tensor>([[input, probe]]);
        for (const node of graph.nodes) {
          const folds = node.op === 'Shape' || node.op === 'Size' || node.inputs.every((n) => !n || consts.has(n));
          const outs = program.execute(node, (n) => consts.get(n) ?? env.get(n));
          outs.forEach((t, i) => {
            const name = node.outputs[i];
            if (!name) return;
            if (folds) consts.set(name, tf.keep(t));
            else env.set(name, t);
          });
          if (!folds) plan.push(node);
        }
        if (!env.has(output) && !consts.has(output)) throw new Error(`The graph never computes its output ${output}.`);
      });
    } catch (e) {
      program.dispose();
      throw e;
    }
    return program;
  }

  private execute(node: OnnxNode, lookup: (name: string) => tf.Tensor | undefined): tf.Tensor[] {
    const values = node.inputs.map((n) => {
      if (!n) return undefined;
      const v = lookup(n);
      if (!v) throw new Error(`${node.op} ${node.name} reads "${n}", which nothing computed before it.`);
      return v;
    });
    const op = OPS[node.op] as (typeof OPS)[string];
    const ctx = new OpContext(node, values, (n) => this.constant(n), this.graph.opset);
    try {
      const out = op(ctx);
      return Array.isArray(out) ? out : [out];
    } catch (e) {
      const msg = (e as Error).message;
      throw new Error(msg.includes(node.name) ? msg : `${node.op} ${node.name}: ${msg}`, { cause: e });
    }
  }

  private constant(name: string): number[] | undefined {
    const cached = this.constValues.get(name);
    if (cached) return cached;
    const t = this.consts.get(name);
    if (!t) return undefined;
    const v = Array.from(t.dataSync() as ArrayLike<number>);
    this.constValues.set(name, v);
    return v;
  }

  /** The nodes a run needs for `target`, given that `cut` (if any) is supplied from outside. */
  private nodesFor(target: string, cut: string | undefined): OnnxNode[] {
    const key = `${target}\u0000${cut ?? ''}`;
    const hit = this.needed.get(key);
    if (hit) return hit;
    const producer = new Map<string, OnnxNode>();
    for (const n of this.plan) for (const o of n.outputs) producer.set(o, n);
    const want = new Set<OnnxNode>();
    const stack = [target];
    while (stack.length) {
      const v = stack.pop() as string;
      if (v === cut) continue;
      const n = producer.get(v);
      if (!n || want.has(n)) continue;
      want.add(n);
      stack.push(...n.inputs.filter(Boolean));
    }
    const nodes = this.plan.filter((n) => want.has(n));
    this.needed.set(key, nodes);
    return nodes;
  }

  /** The values the output depends on (a second output's branch, say an auxiliary head, is not among them). */
  valuesReachingOutput(): Set<string> {
    return new Set(this.nodesFor(this.output, undefined).flatMap((n) => n.outputs));
  }

  /** Runs the graph on x (NCHW); returns the output, or `until`. */
  run(x: tf.Tensor, opts: RunOptions = {}): tf.Tensor {
    return this.runMany(x, [opts.until ?? this.output], opts.replace, opts.taps)[0] as tf.Tensor;
  }

  /** Runs once and returns several values (the layer list fetches every candidate in one pass). */
  runMany(
    x: tf.Tensor,
    targets: readonly string[],
    replace?: RunOptions['replace'],
    taps?: RunOptions['taps'],
  ): tf.Tensor[] {
    const env = new Map<string, tf.Tensor>([[this.input, x]]);
    if (replace) env.set(replace.name, replace.value);
    const want = new Set<OnnxNode>();
    for (const t of targets) for (const n of this.nodesFor(t, replace?.name)) want.add(n);
    for (const node of this.plan) {
      if (!want.has(node)) continue;
      const outs = this.execute(node, (n) => env.get(n) ?? this.consts.get(n));
      outs.forEach((t, i) => {
        const name = node.outputs[i];
        const tap = name ? taps?.get(name) : undefined;
        if (name && !env.has(name)) env.set(name, tap ? tf.add(t, tap) : t);
      });
    }
    return targets.map((t) => {
      const v = env.get(t) ?? this.consts.get(t);
      if (!v) throw new Error(`The value ${t} was not computed.`);
      return v;
    });
  }

  /** The initializers (weights) by name, for the sanity check's weight swapping. */
  weights(): Map<string, tf.Tensor> {
    const names = new Set(this.graph.initializers.map((t) => t.name));
    return new Map([...this.consts].filter(([n]) => names.has(n)));
  }

  /** Puts these tensors in place of the named constants (the sanity check's draws); restoreConstants undoes it. */
  swapConstants(replacements: ReadonlyMap<string, tf.Tensor>): void {
    if (this.swapped) throw new Error('Weights are already swapped.');
    this.swapped = new Map();
    for (const [name, t] of replacements) {
      const original = this.consts.get(name);
      if (!original) throw new Error(`No constant ${name} to swap.`);
      this.swapped.set(name, original);
      this.consts.set(name, t);
    }
  }

  restoreConstants(): void {
    if (!this.swapped) return;
    for (const [name, t] of this.swapped) this.consts.set(name, t);
    this.swapped = null;
  }

  dispose(): void {
    this.restoreConstants();
    for (const [name, t] of this.consts) if (!this.borrowed.has(name)) t.dispose();
    this.consts.clear();
  }
}
