/**
 * What sits behind the API: the validated config, the runtime that wires a client's parts, the
 * waits from start to end and the choice of each wait's channel with its fallback, the one-shot
 * calls, the capabilities probe, the real event stream and the JSON-lines audit sink. Internal: not
 * exported by the module, no compatibility promised.
 */
package dev.vtstatus.client.internal;
