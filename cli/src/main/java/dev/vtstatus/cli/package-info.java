/**
 * The {@code vtstatus} command (picocli): runs the simulator, the demo, one-off job commands, admin
 * commands and the benchmark, and turns every failure into one line and a documented exit code.
 */
package dev.vtstatus.cli;
