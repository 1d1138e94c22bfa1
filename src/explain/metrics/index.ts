// Metrics of a map (docs/METHOD.md, "Metrics of a map"): one import for the engine.
export * from './auc';
export * from './correlation';
export * from './emprt';
export * from './job';
export * from './perturbationCurves';
export * from './pointingGame';
export * from './randomization';
export * from './region';
export * from './relevanceMass';
export * from './relevanceRank';
export * from './robustness';
export * from './sufficiencyCurve';
export * from './mapMetrics';
