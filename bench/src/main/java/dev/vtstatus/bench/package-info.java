/**
 * Benchmarks of the wait strategies and of the server: runs the strategies side by side on one job
 * mix against an embedded, forked, replicated or remote server, measures requests per job and
 * detection latency, checks the targets and writes the results as JSON, a table and a chart.
 */
package dev.vtstatus.bench;
