/**
 * Waits and the requests they make: a wait's lifecycle and deadline ({@code JobWait}), the channels
 * that drive it (polling, long polls, batch long polls and the event stream's {@code
 * EventDispatcher}), and the request machinery every call shares ({@code ClientContext}, {@code
 * RequestRunner} with its retries, replicas and rate limit, the routes, the seed dialects and the
 * {@code AnswerReader}). Internal: not exported by the module, no compatibility promised.
 */
package dev.vtstatus.client.internal.wait;
