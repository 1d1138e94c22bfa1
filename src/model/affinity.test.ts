import { describe, expect, it } from 'vitest';
import { linearTail, withAffinity, type Flow, type FlowNode, type OpKind } from './affinity';
import { classifyOp, graphFlow } from './affinityGraph';
import { classifyLayer } from './affinityLayers';

/** A node of a hand-built graph: pointwise unless said otherwise. */
const n = (id: string, kind: OpKind, inputs: string[], pointwise = true): FlowNode => ({
  id,
  kind,
  inputs,
  label: id,
  pointwise,
});
const tailOf = (nodes: FlowNode[], layer = 'L') => linearTail({ nodes, output: 'out' } satisfies Flow, layer);

describe('the affine walk from a layer to the logits', () => {
  it('a linear chain is affine, and names its ops in order', () => {
    const tail = tailOf([
      n('x', 'nonlinear', []),
      n('L', 'nonlinear', ['x']),
      n('conv', 'multilinear', ['L', 'w']),
      n('w', 'nonlinear', []),
      n('out', 'multilinear', ['conv']),
    ]);
    expect(tail).toEqual({ ops: ['conv', 'out'], pointwise: true });
  });

  it('a ReLU anywhere on the way makes it nonlinear', () => {
    expect(
      tailOf([
        n('L', 'nonlinear', []),
        n('conv', 'multilinear', ['L']),
        n('relu', 'nonlinear', ['conv']),
        n('out', 'multilinear', ['relu']),
      ]),
    ).toBeNull();
  });

  it('an Add merging an independent branch stays affine; so does one merging two affine branches of the layer', () => {
    const skip = [n('x', 'nonlinear', []), n('skip', 'nonlinear', ['x'])];
    expect(
      tailOf([
        ...skip,
        n('L', 'nonlinear', ['x']),
        n('conv', 'multilinear', ['L']),
        n('out', 'additive', ['conv', 'skip']),
      ]),
    ).not.toBeNull();
    expect(
      tailOf([
        n('L', 'nonlinear', []),
        n('a', 'multilinear', ['L']),
        n('b', 'multilinear', ['L']),
        n('out', 'additive', ['a', 'b']),
      ]),
    ).not.toBeNull();
  });

  it(
    'a product of two branches that both depend on the layer is nonlinear; ' +
      'a product with an independent one is not',
    () => {
      const base = [
        n('x', 'nonlinear', []),
        n('L', 'nonlinear', ['x']),
        n('a', 'multilinear', ['L']),
        n('b', 'multilinear', ['L']),
      ];
      expect(tailOf([...base, n('out', 'multilinear', ['a', 'b'])])).toBeNull();
      expect(tailOf([...base, n('gate', 'nonlinear', ['x']), n('out', 'multilinear', ['a', 'gate'], false)])).toEqual({
        ops: ['a', 'out'],
        pointwise: false,
      });
    },
  );

  it('division is affine only while the divisor does not depend on the layer', () => {
    const base = [n('c', 'nonlinear', []), n('L', 'nonlinear', [])];
    expect(tailOf([...base, n('out', 'divide', ['L', 'c'])])).not.toBeNull();
    expect(tailOf([...base, n('out', 'divide', ['c', 'L'])])).toBeNull();
  });

  it('an unknown op is nonlinear, also on a side path that reaches the output', () => {
    expect(classifyOp({ name: 'q', op: 'SomeCustomOp' }).kind).toBe('nonlinear');
    expect(classifyLayer({ name: 'q', className: 'MyLambda', config: {}, inputs: [] }).kind).toBe('nonlinear');
    const nodes = [
      n('L', 'nonlinear', []),
      n('a', 'multilinear', ['L']),
      n('odd', 'nonlinear', ['L']),
      n('out', 'additive', ['a', 'odd']),
    ];
    expect(tailOf(nodes)).toBeNull();
  });

  it('a dead-end branch of the layer that never reaches the output does not count', () => {
    expect(
      tailOf([n('L', 'nonlinear', []), n('aux', 'nonlinear', ['L']), n('out', 'multilinear', ['L'])]),
    ).not.toBeNull();
  });

  it('a layer that does not reach the output, or is unknown, is not affine', () => {
    expect(tailOf([n('L', 'nonlinear', []), n('out', 'multilinear', ['z']), n('z', 'nonlinear', [])])).toBeNull();
    expect(tailOf([n('out', 'multilinear', [])], 'nope')).toBeNull();
  });

  it('one non-pointwise op (a 3×3 convolution) keeps the tail affine but not pointwise', () => {
    expect(
      tailOf([n('L', 'nonlinear', []), n('c3', 'multilinear', ['L'], false), n('out', 'multilinear', ['c3'])]),
    ).toEqual({ ops: ['c3', 'out'], pointwise: false });
  });

  it('withAffinity marks every layer, true or false', () => {
    const flow: Flow = {
      nodes: [n('A', 'nonlinear', []), n('B', 'nonlinear', ['A']), n('out', 'multilinear', ['B'])],
      output: 'out',
    };
    const marked = withAffinity(
      [
        { name: 'A', shape: [2, 2, 1] },
        { name: 'B', shape: [2, 2, 1] },
      ],
      flow,
    );
    expect(marked.map((l) => l.affineToOutput)).toEqual([false, true]);
    expect(marked[1]?.linearTail).toEqual({ ops: ['out'], pointwise: true });
  });
});

describe('op classification', () => {
  it('Keras layers: activations decide, 1×1 kernels and resizes are pointwise', () => {
    const layer = (className: string, config: Record<string, unknown> = {}) =>
      classifyLayer({ name: 'l', className, config, inputs: [] });
    expect(layer('Conv2D', { activation: 'linear', kernelSize: [1, 1] })).toEqual({
      kind: 'multilinear',
      label: '1×1 convolution',
      pointwise: true,
    });
    expect(layer('Conv2D', { activation: 'linear', kernelSize: [3, 3] })).toMatchObject({
      kind: 'multilinear',
      pointwise: false,
    });
    expect(layer('Conv2D', { activation: 'relu', kernelSize: [1, 1] }).kind).toBe('nonlinear');
    expect(layer('Conv2DTranspose', { activation: 'linear', kernelSize: [1, 1], strides: [2, 2] }).pointwise).toBe(
      false,
    );
    expect(layer('UpSampling2D', { interpolation: 'bilinear' })).toEqual({
      kind: 'multilinear',
      label: 'bilinear upsampling',
      pointwise: true,
    });
    expect(layer('Activation', { activation: 'linear' }).kind).toBe('multilinear');
    expect(layer('Activation', { activation: 'softmax' }).kind).toBe('nonlinear');
    expect(layer('MaxPooling2D').kind).toBe('nonlinear');
    expect(layer('ZeroPadding2D')).toMatchObject({ kind: 'multilinear', pointwise: false });
    expect(layer('Concatenate', { axis: -1 })).toMatchObject({ kind: 'additive', pointwise: true });
    expect(layer('Multiply')).toMatchObject({ kind: 'multilinear', pointwise: false });
  });

  it('graph ops: fused activations are nonlinear, a fused bias is not; 1×1 filters are pointwise', () => {
    const fused = (ops: string[]) => ({
      name: 'f',
      op: '_FusedConv2D',
      input: ['x', 'w'],
      attr: { fused_ops: { list: { s: ops.map((o) => btoa(o)) } } },
    });
    expect(classifyOp(fused(['BiasAdd'])).kind).toBe('multilinear');
    expect(classifyOp(fused(['BiasAdd', 'Relu'])).kind).toBe('nonlinear');
    for (const op of ['Relu', 'Relu6', 'Sigmoid', 'Tanh', 'MaxPool', 'Softmax'])
      expect(classifyOp({ name: 'a', op }).kind).toBe('nonlinear');
    const w = {
      name: 'w',
      op: 'Const',
      attr: {
        value: { tensor: { tensorShape: { dim: [{ size: '1' }, { size: '1' }, { size: '8' }, { size: '4' }] } } },
      },
    };
    const flow = graphFlow(
      [
        { name: 'x', op: 'Placeholder' },
        w,
        { name: 'c', op: 'Conv2D', input: ['x', 'w'] },
        { name: 'r', op: 'ResizeBilinear', input: ['c:0', 'size', '^ctrl'] },
      ],
      'r:0',
    );
    expect(flow.output).toBe('r');
    expect(flow.nodes.find((x) => x.id === 'c')).toMatchObject({ kind: 'multilinear', pointwise: true });
    expect(flow.nodes.find((x) => x.id === 'r')?.inputs).toEqual(['c', 'size']);
    expect(linearTail(flow, 'x')).toEqual({ ops: ['convolution', 'bilinear resize'], pointwise: true });
  });
});
