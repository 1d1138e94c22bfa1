import { kindFor, OPS } from './ops';
import type { Region } from './registry';
import type { ReadoutWords } from './kind';

/** A region in words, with normalised image coordinates (x right, y down, 0…1), each kind by its plug-in. */
export function describeRegion(region: Region, classes: readonly { name: string }[] = []): string {
  return OPS.describe(region, classes);
}

/** The read-out's words for a region: "Explaining {lead}class X{ rather than Y} over N output pixels{note}". */
export function readoutWords(region: Region | null): ReadoutWords {
  const k = region && kindFor(region);
  return (region && k?.readout?.(region)) || { lead: '', versus: null, note: '' };
}
