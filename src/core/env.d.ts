// The one host facility the pure folders use (no DOM lib there): a macrotask, so a long job lets messages in.
declare function setTimeout(callback: () => void, ms?: number): unknown;
