/**
 * The wire contract both sides share: the routes, the job records and status enum as they travel in
 * JSON, the seed protocol's answers, problem details, admin records, trace context, webhook
 * signatures, the one way both sides read and check durations and the one rule for the failure
 * behind a future's wrappers. Plain immutable records and one configured Jackson mapper
 * ({@link dev.vtstatus.protocol.Json}); no HTTP library.
 */
package dev.vtstatus.protocol;
