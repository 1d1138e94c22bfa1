// The one host facility the pure folders use (no DOM lib there): a macrotask, so a long job lets messages in.
declare function setTimeout(callback: () => void, ms?: number): unknown;
// What the pure folders read of an AbortSignal (the DOM and Node both provide the full type).
interface AbortSignal {
  readonly aborted: boolean;
}
