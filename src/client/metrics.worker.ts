// The map metrics' own thread: each sorts a map's pixels (ranks, deletion order), tens of milliseconds for 256²
// maps, which on the UI thread delayed the next slider step's paint. No tfjs here: the metrics are plain JS.
import * as Comlink from 'comlink';
import { metricsOf } from './readMetrics';

Comlink.expose({ metricsOf });
