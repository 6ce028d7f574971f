/**
 * The simulated backend of one replica: plans each job's duration and outcome, creates jobs through
 * the store, ends them by timer or by force, renders them as wire JSON, and sweeps up what a
 * stopped replica left behind.
 */
package dev.vtstatus.server.internal.jobs;
