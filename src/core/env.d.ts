// The one host facility the pure folders use (no DOM lib there): a macrotask, so a long job lets messages in.
declare function setTimeout(callback: () => void, ms?: number): unknown;
// What the pure folders read of an AbortSignal (the DOM and Node both provide the full type).
interface AbortSignal {
  readonly aborted: boolean;
}
// A macrotask without the timer clamp (core/yieldTask.ts): present in browsers, workers and Node.
interface MessagePortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}
declare const MessageChannel: { new (): { port1: MessagePortLike; port2: MessagePortLike } } | undefined;
