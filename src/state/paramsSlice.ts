import type { StateCreator } from 'zustand';
import type { SettingValue } from '../core/settings';
import { METHOD_IDS, type MethodId, type MethodSettings } from '../methods/registry';
import { defaultParams, type ViewParams } from './params';
import type { AppState } from './store';

export interface ParamsSlice {
  params: ViewParams;
  setParams: (patch: Partial<ViewParams>) => void;
  /** changes some settings of one method */
  setSettings: <Id extends MethodId>(method: Id, patch: Partial<MethodSettings[Id]>) => void;
  /** shows or hides a method; the list stays in registry order */
  toggleMethod: (method: MethodId, on: boolean) => void;
}

export const createParamsSlice: StateCreator<AppState, [], [], ParamsSlice> = (set) => ({
  params: defaultParams(),
  setParams: (patch) => set((s) => ({ params: { ...s.params, ...patch } })),
  setSettings: (method, patch) =>
    set((s) => ({
      params: {
        ...s.params,
        settings: {
          ...s.params.settings,
          [method]: { ...(s.params.settings[method] as Record<string, SettingValue>), ...patch },
        },
      },
    })),
  toggleMethod: (method, on) =>
    set((s) => {
      const methods = METHOD_IDS.filter((id) => (id === method ? on : s.params.methods.includes(id)));
      return { params: { ...s.params, methods } };
    }),
});
