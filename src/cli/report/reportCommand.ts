export const REPORT_HELP = 'segexplain report [--quick] [--out DIR]';
export async function runReport(_args: string[], _root: string, _signal: AbortSignal): Promise<boolean> {
  return true;
}
