package dev.vtstatus.cli;

/**
 * Marks a command whose informational log lines are its output, such as the server logging each
 * job's transitions; other commands log only warnings unless {@code --verbose} is given.
 */
interface LogsProgress {}
