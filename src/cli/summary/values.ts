/** A value a record or a table holds (as the app's report writes its metrics). */
export type { MetricValue } from '../../core/csv';
