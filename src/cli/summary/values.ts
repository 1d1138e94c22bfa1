/** A value a record or a table holds (as the app's report writes its metrics). */
export type MetricValue = number | string | boolean | null;
