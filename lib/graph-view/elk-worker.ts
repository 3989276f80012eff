/**
 * The script of the Web Worker that runs ELK (elk-engine.ts starts it): elkjs's worker
 * build answers the layout requests elkjs's API posts to it.
 */
import "elkjs/lib/elk-worker.min.js";
