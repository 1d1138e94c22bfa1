import type { MethodMeta } from '../core/method';
import { defaultsOf, type SettingSpecs, type SettingValues } from '../core/settings';
import { meta as gradcam } from './gradcam/meta';
import { meta as gradcampp } from './gradcampp/meta';
import { meta as layercam } from './layercam/meta';
import { meta as rise } from './rise/meta';
import { meta as scorecam } from './scorecam/meta';
import { meta as xres } from './xres/meta';

/**
 * Every method the app offers, in display order. Adding a method: a folder with meta.ts and compute.ts, and one line
 * here. The engine, the controller, the panels and the link codec all read this list.
 */
export const METHODS = [gradcam, xres, layercam, gradcampp, scorecam, rise] as const;

type AnyMeta = (typeof METHODS)[number];
export type MethodId = AnyMeta['id'];
export type MetaOf<Id extends MethodId> = Extract<AnyMeta, { id: Id }>;
/** The settings of every method, keyed by method id. */
export type MethodSettings = { [Id in MethodId]: SettingValues<MetaOf<Id>['settings']> };

export const METHOD_IDS: readonly MethodId[] = METHODS.map((m) => m.id);
/** The paper's three methods. */
export const DEFAULT_METHODS: readonly MethodId[] = METHODS.filter((m) => m.shownByDefault).map((m) => m.id);

export function methodMeta<Id extends MethodId>(id: Id): MetaOf<Id> {
  return METHODS.find((m) => m.id === id) as MetaOf<Id>;
}

/** A method's metadata seen through the common interface (for code that loops over all methods). */
export function anyMeta(id: MethodId): MethodMeta<MethodId, SettingSpecs> {
  return methodMeta(id) as unknown as MethodMeta<MethodId, SettingSpecs>;
}

export function isMethodId(value: unknown): value is MethodId {
  return typeof value === 'string' && (METHOD_IDS as readonly string[]).includes(value);
}

export function defaultMethodSettings(): MethodSettings {
  return Object.fromEntries(METHODS.map((m) => [m.id, defaultsOf(m.settings)])) as MethodSettings;
}
