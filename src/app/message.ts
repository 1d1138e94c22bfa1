/** The user-facing text of an error; a lost WebGL context gets advice, not a stack of shader errors. */
export function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/context (was )?lost|CONTEXT_LOST/i.test(text)) {
    return (
      'The WebGL context was lost (GPU reset or memory pressure). Nothing is ' +
      'lost: reload, or switch Backend to WebAssembly.'
    );
  }
  return text;
}
